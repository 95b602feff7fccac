"""Tables of the aligned-texture runs (train_aligned.py) -> models/training/metrics-aligned.{md,json}.

Held-out rows: the network never saw the family (every cached image of it is scored: the whole sample for `clean`,
the calibration + test parts for `small`). Negatives: the test part's unaligned real portraits (LFW, UTKFace,
CelebA). "TPR @1% FPR" puts the threshold at 1 % of those test negatives (the card's definition); "TPR @cal thr"
uses the threshold set on the calibration part's unaligned reals, with the FPR it gives on the test negatives.

    /usr/bin/python3 models/training/report_aligned.py
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
RUNS = os.path.join(HERE, '.cache', 'aligned', 'runs')
# v2's held-out runs (MODEL_CARD.md appendix: trained without the family, 250 steps, negatives all v2-validation reals)
V2_HELD_OUT = {'StableDiffusion2.1': (0.798, 0.056, 0.795, 0.042), 'FLUX/SDXL': (0.520, 0.000, 0.561, 0.000),
               'StyleGAN2': (0.675, 0.003, 0.683, 0.001)}


def load(name):
    path = os.path.join(RUNS, name + '.json')
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def combined_held_out(family):
    """Aligned + whole held-out networks of `family` together: class-balanced logistic regression of the two margins on
    the calibration part (other families), scored like the rows above. None when either run is missing."""
    import numpy as np
    from common import auc, rate, threshold_at_fpr
    a, w = load(f"aligned-{family.replace('/', '_')}"), load(f"whole-{family.replace('/', '_')}")
    if a is None or w is None:
        return None
    with open(os.path.join(HERE, '.cache', 'aligned', 'clean-meta.json')) as f:
        info = {m['key']: m for m in json.load(f)['items']}
    A, W = a['clean']['scores'], w['clean']['scores']
    keys = [k for k in A if k in W]
    unaligned = lambda m: m['label'] == 'real' and m['family'] in ('LFW', 'UTKFace', 'CelebA')  # noqa: E731
    cal = [k for k in keys if info[k]['part'] == 'calibration' and info[k]['family'] != family
           and (info[k]['label'] == 'generated' or unaligned(info[k]))]
    x = np.array([[1, A[k], W[k]] for k in cal])
    y = np.array([info[k]['label'] == 'generated' for k in cal], float)
    wt = np.where(y == 1, len(y) / (2 * y.sum()), len(y) / (2 * (1 - y).sum()))
    b = np.zeros(3)
    for _ in range(50):
        p = 1 / (1 + np.exp(-x @ b))
        b += np.linalg.solve((x * (wt * p * (1 - p))[:, None]).T @ x + 1e-3 * np.eye(3), x.T @ (wt * (y - p)))
    score = lambda k: b[1] * A[k] + b[2] * W[k]  # noqa: E731
    pos = [score(k) for k in keys if info[k]['family'] == family]
    neg_test = [score(k) for k in keys if info[k]['part'] == 'test' and unaligned(info[k])]
    neg_cal = [score(k) for k in keys if info[k]['part'] == 'calibration' and unaligned(info[k])]
    t = threshold_at_fpr(neg_cal)
    return dict(n=len(pos), auc=auc(pos, neg_test), tpr_at_1pct_test=rate(pos, threshold_at_fpr(neg_test)),
                rate_at_thr=rate(pos, t), test_fpr=rate(neg_test, t), weights=[float(v) for v in b])


def main():
    lines = ['| held out | input | variant | n | AUC | TPR @1% FPR | TPR @cal thr | test FPR @cal thr | v2 held-out AUC | v2 held-out TPR @1% |',
             '|---|---|---|---|---|---|---|---|---|---|']
    out = {}
    for family in ('StableDiffusion2.1', 'FLUX/SDXL', 'StyleGAN2'):
        for inp in ('aligned', 'whole'):
            run = load(f"{inp}-{family.replace('/', '_')}")
            if run is None:
                continue
            for variant in ('clean', 'small'):
                if variant not in run:
                    continue
                r = run[variant]['families'][family]
                v2 = V2_HELD_OUT[family]
                v2a, v2t = (v2[0], v2[1]) if variant == 'clean' else (v2[2], v2[3])
                lines.append(f"| {family} | {inp} | {variant} | {r['n']} | {r['auc']:.3f} | {r['tpr_at_1pct_test']:.3f} | "
                             f"{r['rate_at_thr']:.3f} | {run[variant]['test_unaligned_fpr']:.3f} | {v2a:.3f} | {v2t:.3f} |")
                out.setdefault(family, {}).setdefault(inp, {})[variant] = dict(r, test_unaligned_fpr=run[variant]['test_unaligned_fpr'])
    real_lines = ['| held-out real collection | input | variant | n | share at or above the 1 %-FPR threshold (calibration, other collections) |',
                  '|---|---|---|---|---|']
    for family in ('LFW', 'UTKFace'):
        for inp in ('aligned', 'whole'):
            run = load(f'{inp}-{family}')
            if run is None:
                continue
            for variant in ('clean', 'small'):
                if variant in run:
                    r = run[variant]['families'][family]
                    real_lines.append(f"| {family} | {inp} | {variant} | {r['n']} | {r['rate_at_thr']:.3f} |")
                    out.setdefault(family, {}).setdefault(inp, {})[variant] = r
    for family in ('StableDiffusion2.1', 'FLUX/SDXL'):
        c = combined_held_out(family)
        if c:
            lines.append(f"| {family} | aligned + whole (logistic on calibration) | clean | {c['n']} | {c['auc']:.3f} | "
                         f"{c['tpr_at_1pct_test']:.3f} | {c['rate_at_thr']:.3f} | {c['test_fpr']:.3f} | | |")
            out.setdefault(family, {})['combined'] = c
    if len(real_lines) > 2:
        lines += ['', *real_lines]
    main_run = load('aligned-none')
    lines2 = []
    if main_run:
        lines2 = ['| family (test part) | variant | n | AUC | TPR @1% FPR | rate @cal thr |', '|---|---|---|---|---|---|']
        for variant in ('clean', 'small'):
            if variant not in main_run:
                continue
            for fam, r in main_run[variant]['families'].items():
                auc = f"{r['auc']:.3f}" if 'auc' in r else '–'
                tpr = f"{r['tpr_at_1pct_test']:.3f}" if 'tpr_at_1pct_test' in r else '–'
                lines2.append(f"| {fam} | {variant} | {r['n']} | {auc} | {tpr} | {r['rate_at_thr']:.3f} |")
            lines2.append(f"| unaligned reals, test FPR at the calibration threshold | {variant} | {main_run[variant]['n_test_neg']} | | | {main_run[variant]['test_unaligned_fpr']:.3f} |")
        out['shipped'] = {v: {k: main_run[v][k] for k in ('threshold', 'test_unaligned_fpr', 'families')} for v in ('clean', 'small') if v in main_run}
    md = ['# Aligned-face texture network: held-out-family runs (models/training/train_aligned.py)', '',
          'Each held-out row is a network trained without any image of that family; v2 held-out columns: v2\'s own '
          'leave-one-family-out runs (whole picture, 250 steps, negatives all v2-validation reals, from the model card).', '',
          *lines, '', '## The network trained on every family (models/training/aligned/, measured, not shipped): test part', '', *lines2, '']
    with open(os.path.join(HERE, 'metrics-aligned.md'), 'w') as f:
        f.write('\n'.join(md))
    with open(os.path.join(HERE, 'metrics-aligned.json'), 'w') as f:
        json.dump(out, f, indent=1)
    print('\n'.join(md))


if __name__ == '__main__':
    main()

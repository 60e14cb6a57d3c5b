# scikit-learn 1.2 doing what `modelgate evaluate` does on the speed bench's .npz beyond the
# decisions: per-class ROC-AUC and average precision, and log-loss over the label decisions. Not
# part of `npm run bench` (it takes minutes); the README's performance section quotes it.
# Usage: /usr/bin/python3 bench/sklearn-equal-work.py FILE.npz (labels uint8 and scores float32,
# as bench/speed.bench.ts's writeData writes them).
import sys
import time

import numpy as np
from sklearn.metrics import average_precision_score, classification_report, log_loss, roc_auc_score

t0 = time.time()
z = np.load(sys.argv[1])
Y = z["labels"]
S = z["scores"]
classification_report(Y, S >= 0.5, output_dict=True, zero_division=0)
t1 = time.time()
both = (Y.sum(0) > 0) & (Y.sum(0) < len(Y))
roc_auc_score(Y[:, both], S[:, both], average=None)
average_precision_score(Y[:, both], S[:, both], average=None)
t2 = time.time()
log_loss(Y.ravel(), S.ravel().astype(np.float64))
t3 = time.time()
print(
    f"load + decisions + report {t1 - t0:.2f} s; per-class ROC-AUC and average precision {t2 - t1:.2f} s; "
    f"log-loss {t3 - t2:.2f} s; total {t3 - t0:.2f} s ({both.sum()} classes with both labels)"
)

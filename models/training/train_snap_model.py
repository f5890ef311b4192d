#!/usr/bin/env python3
"""Train a Snap Harvester meta-model from the feature/label table that
`actorbot model export-features` (later: `actorbot replay --export-features`) writes, export it as an
ONNX TreeEnsembleClassifier (IR 8, opset 17, ai.onnx.ml 3, double input, double thresholds/weights),
write model.json in the registry format, and write parity vectors scored by scikit-learn and by our
float64 tree walk. ONNX Runtime scores are added by score_ort.js (onnxruntime-node 1.30.0).

Debian packages only: python3-sklearn (1.2.1), python3-onnx (1.12.0), python3-numpy, python3-pandas.
See README.md for the full procedure.
"""
import argparse
import csv
import hashlib
import json
import math
import os
import sys

import numpy as np
import onnx
import sklearn
from onnx import TensorProto, helper, numpy_helper
from sklearn.ensemble import HistGradientBoostingClassifier

FEATURES = [
    "side", "open", "high", "low", "close", "atr", "atr_pct", "rel_vol", "imbalance", "imbalance_z",
    "shockflip_z", "shock_intensity_z", "range_atr", "donchian_loc", "price_flow_div", "prior_flow_sign",
    "div_score", "trend_dir", "trend_aligned", "trend_slope", "stall_flag", "shock_intensity_z_decile",
    "div_score_decile", "rel_vol_decile",
]
ENCODING = "float32-round-nearest-even-then-nan-to-zero"


def schema_hash(names):
    return hashlib.sha256("\n".join(names).encode("utf-8")).hexdigest()


def load_table(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    if not rows:
        sys.exit(f"{path}: the table has no rows")
    missing = [c for c in FEATURES if c not in rows[0]]
    if missing:
        sys.exit(f"{path}: missing feature columns {missing}")
    return rows


def encode(rows):
    """SPEC 7.1: float -> float32 (round to nearest even) -> NaN to 0 -> widen to double."""
    raw = np.array([[float(r[c]) for c in FEATURES] for r in rows], dtype=np.float64)
    x32 = raw.astype(np.float32)
    x32[np.isnan(x32)] = 0.0
    return x32


def tree_walk_raw(clf, x):
    """Our float64 reference: baseline + sum of leaf values in tree order (sklearn's own order)."""
    raw = np.full(x.shape[0], float(clf._baseline_prediction.ravel()[0]))
    for (pred,) in clf._predictors:
        nodes = pred.nodes
        for i in range(x.shape[0]):
            n = 0
            while not nodes["is_leaf"][n]:
                v = float(x[i, nodes["feature_idx"][n]])
                left = nodes["missing_go_to_left"][n] if math.isnan(v) else v <= nodes["num_threshold"][n]
                n = nodes["left"][n] if left else nodes["right"][n]
            raw[i] += nodes["value"][n]
    return raw


def to_onnx(clf, path):
    a = {k: [] for k in ["treeids", "nodeids", "featureids", "values", "modes", "true", "false", "missing"]}
    w = {k: [] for k in ["treeids", "nodeids", "weights"]}
    for t, (pred,) in enumerate(clf._predictors):
        nodes = pred.nodes
        if nodes["is_categorical"].any():
            sys.exit("categorical splits are not supported by the exporter")
        for n in range(len(nodes)):
            leaf = bool(nodes["is_leaf"][n])
            a["treeids"].append(t)
            a["nodeids"].append(n)
            a["featureids"].append(0 if leaf else int(nodes["feature_idx"][n]))
            a["values"].append(0.0 if leaf else float(nodes["num_threshold"][n]))
            a["modes"].append("LEAF" if leaf else "BRANCH_LEQ")
            a["true"].append(0 if leaf else int(nodes["left"][n]))
            a["false"].append(0 if leaf else int(nodes["right"][n]))
            a["missing"].append(0 if leaf else int(nodes["missing_go_to_left"][n]))
            if leaf:
                w["treeids"].append(t)
                w["nodeids"].append(n)
                w["weights"].append(float(nodes["value"][n]))
    node = helper.make_node(
        "TreeEnsembleClassifier", ["input"], ["label", "probabilities"], domain="ai.onnx.ml",
        nodes_treeids=a["treeids"], nodes_nodeids=a["nodeids"], nodes_featureids=a["featureids"],
        nodes_values_as_tensor=numpy_helper.from_array(np.array(a["values"], dtype=np.float64), "nodes_values"),
        nodes_modes=a["modes"], nodes_truenodeids=a["true"], nodes_falsenodeids=a["false"],
        nodes_missing_value_tracks_true=a["missing"],
        class_treeids=w["treeids"], class_nodeids=w["nodeids"], class_ids=[0] * len(w["weights"]),
        class_weights_as_tensor=numpy_helper.from_array(np.array(w["weights"], dtype=np.float64), "class_weights"),
        base_values_as_tensor=numpy_helper.from_array(np.array([float(clf._baseline_prediction.ravel()[0])], dtype=np.float64), "base_values"),
        classlabels_int64s=[0, 1], post_transform="LOGISTIC")
    graph = helper.make_graph(
        [node], "snap_meta_hgb",
        [helper.make_tensor_value_info("input", TensorProto.DOUBLE, ["N", len(FEATURES)])],
        [helper.make_tensor_value_info("label", TensorProto.INT64, ["N"]),
         helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["N", 2])])
    model = helper.make_model(graph, producer_name="actorbot-models-training",
                              opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid("ai.onnx.ml", 3)])
    model.ir_version = 8
    helper.set_model_props(model, {"feature_names": ",".join(FEATURES)})
    onnx.checker.check_model(model, full_check=True)
    onnx.save(model, path)
    return len(a["nodeids"]), len(w["weights"])


def decile_cuts(active_model_json):
    with open(active_model_json) as f:
        return json.load(f).get("decile_cut_points")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--table", required=True, help="feature/label CSV from actorbot model export-features")
    ap.add_argument("--label", choices=["causal", "research"], default="causal")
    ap.add_argument("--registry", default="models/registry")
    ap.add_argument("--id", required=True, help="registry id (directory name)")
    ap.add_argument("--cut-points-from", default="models/registry/snap_hgb_2024_btc_agg/model.json",
                    help="model.json whose decile cut points the table was exported with")
    ap.add_argument("--min-prob", type=float, default=0.0)
    # Research hyper-parameters (SPEC 7.2); min_samples_leaf is the one knob small data needs.
    ap.add_argument("--learning-rate", type=float, default=0.05)
    ap.add_argument("--max-iter", type=int, default=500)
    ap.add_argument("--max-depth", type=int, default=6)
    ap.add_argument("--max-leaf-nodes", type=int, default=31)
    ap.add_argument("--min-samples-leaf", type=int, default=30)
    ap.add_argument("--l2", type=float, default=0.1)
    ap.add_argument("--max-bins", type=int, default=255)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--register-as", choices=["shadow", "none"], default="shadow")
    args = ap.parse_args()

    rows = load_table(args.table)
    x = encode(rows)
    y = np.array([int(r["y_" + args.label]) for r in rows])
    if len(set(y)) < 2:
        sys.exit(f"{args.table}: label y_{args.label} has a single class; cannot train")
    clf = HistGradientBoostingClassifier(
        learning_rate=args.learning_rate, max_iter=args.max_iter, max_depth=args.max_depth,
        max_leaf_nodes=args.max_leaf_nodes, min_samples_leaf=args.min_samples_leaf,
        l2_regularization=args.l2, max_bins=args.max_bins, early_stopping=False, random_state=args.seed)
    clf.fit(x, y)

    out_dir = os.path.join(args.registry, args.id)
    os.makedirs(out_dir, exist_ok=True)
    onnx_path = os.path.join(out_dir, "model.onnx")
    n_nodes, n_leaves = to_onnx(clf, onnx_path)
    with open(onnx_path, "rb") as f:
        onnx_sha = hashlib.sha256(f.read()).hexdigest()

    raw = tree_walk_raw(clf, x)
    p_f64 = 1.0 / (1.0 + np.exp(-raw))
    p_sk = clf.predict_proba(x)[:, 1]
    with open(os.path.join(out_dir, "parity_vectors.csv"), "w", newline="") as f:
        wr = csv.writer(f, lineterminator="\n")
        wr.writerow(["row"] + FEATURES + ["y", "raw_score_f64", "p_hat_f64", "p_hat_sklearn"])
        for i in range(len(rows)):
            wr.writerow([i] + [repr(float(v)) for v in x[i]] + [int(y[i]), repr(float(raw[i])), repr(float(p_f64[i])), repr(float(p_sk[i]))])

    auc_note = "train-set only; no hold-out (too few rows)"
    meta = {
        "format": "actorbot-model/1",
        "id": args.id,
        "onnx": {"path": "model.onnx", "sha256": onnx_sha},
        "feature_names": FEATURES,
        "schema_hash": schema_hash(FEATURES),
        "input_encoding": ENCODING,
        "positive_class_index": 1,
        "thresholds": {"min_prob": args.min_prob, "research_eval": [0.3, 0.4, 0.5, 0.6]},
        "decile_cut_points": decile_cuts(args.cut_points_from),
        "label": f"y_{args.label} from the feature table ({'barriers from the bar after the event, entry at the event close' if args.label == 'causal' else 'research path starting at the event bar (looks ahead)'}); r > 0",
        "provenance": {
            "table": os.path.relpath(args.table),
            "table_sha256": hashlib.sha256(open(args.table, "rb").read()).hexdigest(),
            "rows": str(len(rows)),
            "positives": str(int(y.sum())),
            "estimator": f"sklearn {sklearn.__version__} HistGradientBoostingClassifier",
            "params": json.dumps({"learning_rate": args.learning_rate, "max_iter": args.max_iter, "max_depth": args.max_depth,
                                  "max_leaf_nodes": args.max_leaf_nodes, "min_samples_leaf": args.min_samples_leaf,
                                  "l2_regularization": args.l2, "max_bins": args.max_bins, "random_state": args.seed,
                                  "early_stopping": False}),
            "trees": str(len(clf._predictors)),
            "nodes": str(n_nodes),
            "leaves": str(n_leaves),
            "train_accuracy": repr(float(((p_sk >= 0.5).astype(int) == y).mean())),
            "metrics_note": auc_note,
            "onnx": f"written by models/training/train_snap_model.py with onnx {onnx.__version__}; check_model(full_check=True) passed",
        },
    }
    with open(os.path.join(out_dir, "model.json"), "w") as f:
        json.dump(meta, f, indent=2)
        f.write("\n")

    if args.register_as == "shadow":
        manifest_path = os.path.join(args.registry, "manifest.json")
        with open(manifest_path) as f:
            manifest = json.load(f)
        manifest["shadow"] = args.id
        with open(manifest_path, "w") as f:
            json.dump(manifest, f, indent=2)
            f.write("\n")
    print(f"{args.id}: {len(rows)} rows, {int(y.sum())} positives, {len(clf._predictors)} trees, {n_nodes} nodes -> {out_dir}")


if __name__ == "__main__":
    main()

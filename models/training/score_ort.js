// Scores a registry model's parity_vectors.csv with ONNX Runtime (onnxruntime-node 1.30.0) and adds
// p_hat_ort and label_ort columns in place. Usage (from the repository root):
//   node models/training/score_ort.js models/registry/<id>
// onnxruntime-node must be installed first: see models/training/README.md.
'use strict';
const fs = require('fs');
const path = require('path');
const ort = require(path.resolve(process.env.ORT_NODE_MODULES || 'models/training/node_modules', 'onnxruntime-node'));

async function main() {
  const dir = process.argv[2];
  if (!dir) { console.error('usage: node score_ort.js <registry dir>'); process.exit(2); }
  const meta = JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8'));
  const csvPath = path.join(dir, 'parity_vectors.csv');
  const lines = fs.readFileSync(csvPath, 'utf8').trimEnd().split('\n');
  const header = lines[0].split(',');
  const idx = meta.feature_names.map((n) => header.indexOf(n));
  if (idx.some((i) => i < 0)) { console.error(`${csvPath}: a feature column is missing`); process.exit(2); }
  const rows = lines.slice(1).map((l) => l.split(','));
  const data = new Float64Array(rows.length * idx.length);
  rows.forEach((r, i) => idx.forEach((c, k) => { data[i * idx.length + k] = Number(r[c]); }));
  const session = await ort.InferenceSession.create(path.join(dir, meta.onnx.path));
  const out = await session.run({ input: new ort.Tensor('float64', data, [rows.length, idx.length]) });
  const probs = out.probabilities.data;
  const labels = out.label.data;
  const keep = header.filter((h) => h !== 'p_hat_ort' && h !== 'label_ort');
  const keepIdx = keep.map((h) => header.indexOf(h));
  const text = [keep.concat(['p_hat_ort', 'label_ort']).join(',')]
    .concat(rows.map((r, i) => keepIdx.map((c) => r[c]).concat([String(probs[i * 2 + 1]), String(labels[i])]).join(',')))
    .join('\n') + '\n';
  fs.writeFileSync(csvPath, text);
  console.log(`${csvPath}: ${rows.length} rows scored by onnxruntime-node ${require(path.resolve(process.env.ORT_NODE_MODULES || 'models/training/node_modules', 'onnxruntime-node/package.json')).version}`);
}

main().catch((e) => { console.error(e.message); process.exit(1); });

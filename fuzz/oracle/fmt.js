// Dev aid: calls Prisma 6.19.3's prisma-schema wasm `format` directly (no validation gate).
// usage: node fmt.js file1.prisma [file2.prisma ...]  -> prints JSON [[path, formatted], ...]
const fs = require("fs");
const wasmPath = process.env.HOME + "/.cache/prisma-peer/v6/node_modules/prisma/build/prisma_schema_build_bg.wasm";
let W;
const dec = new TextDecoder(), enc = new TextEncoder();
const str = (p, l) => dec.decode(new Uint8Array(W.memory.buffer, p, l));
const imports = { __wbindgen_placeholder__: {
  __wbg_set_message_f22ac4a6869ee695: (p, l) => { console.error("PANIC", str(p, l)); },
  __wbg_Error_e83987f665cf5504: (p, l) => Error(str(p, l)),
  __wbg___wbindgen_throw_b855445ff6a94295: (p, l) => { throw new Error(str(p, l)); },
  __wbindgen_init_externref_table: () => { const t = W.__wbindgen_externrefs; const o = t.grow(4); t.set(0, undefined); t.set(o, undefined); t.set(o+1, null); t.set(o+2, true); t.set(o+3, false); },
}};
W = new WebAssembly.Instance(new WebAssembly.Module(fs.readFileSync(wasmPath)), imports).exports;
W.__wbindgen_start();
function pass(s) { const b = enc.encode(s); const p = W.__wbindgen_malloc(b.length, 1); new Uint8Array(W.memory.buffer, p, b.length).set(b); return [p, b.length]; }
function format(files) {
  const [a, al] = pass(JSON.stringify(files));
  const [b, bl] = pass(JSON.stringify({ textDocument: { uri: "file:/x" }, options: { tabSize: 2, insertSpaces: true } }));
  const r = W.format(a, al, b, bl);
  const out = str(r[0], r[1]);
  W.__wbindgen_free(r[0], r[1], 1);
  return out;
}
if (process.argv[2] === "--each") {
  // each file separately: prints JSON {path: formatted}
  const res = {};
  for (const f of process.argv.slice(3)) {
    try { res[f] = JSON.parse(format([["schema.prisma", fs.readFileSync(f, "utf8")]]))[0][1]; } catch (e) { res[f] = null; }
  }
  process.stdout.write(JSON.stringify(res));
} else {
  const files = process.argv.slice(2).map(f => [require("path").basename(f), fs.readFileSync(f, "utf8")]);
  process.stdout.write(format(files));
}

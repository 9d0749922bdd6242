// Dev aid: Prisma 6.19.3 wasm `validate` on one file; prints the rendered diagnostics (or "OK").
const fs = require("fs");
const wasmPath = process.env.HOME + "/.cache/prisma-peer/v6/node_modules/prisma/build/prisma_schema_build_bg.wasm";
let W;
const dec = new TextDecoder(), enc = new TextEncoder();
const str = (p, l) => dec.decode(new Uint8Array(W.memory.buffer, p, l));
let externs = [];
const imports = { __wbindgen_placeholder__: {
  __wbg_set_message_f22ac4a6869ee695: (p, l) => { console.error("PANIC", str(p, l)); },
  __wbg_Error_e83987f665cf5504: (p, l) => Error(str(p, l)),
  __wbg___wbindgen_throw_b855445ff6a94295: (p, l) => { throw new Error(str(p, l)); },
  __wbindgen_init_externref_table: () => { const t = W.__wbindgen_externrefs; const o = t.grow(4); t.set(0, undefined); t.set(o, undefined); t.set(o+1, null); t.set(o+2, true); t.set(o+3, false); },
}};
W = new WebAssembly.Instance(new WebAssembly.Module(fs.readFileSync(wasmPath)), imports).exports;
W.__wbindgen_start();
function pass(s) { const b = enc.encode(s); const p = W.__wbindgen_malloc(b.length, 1); new Uint8Array(W.memory.buffer, p, b.length).set(b); return [p, b.length]; }
const text = fs.readFileSync(process.argv[2], "utf8");
const [a, al] = pass(JSON.stringify({ prismaSchema: [["schema.prisma", text]], noColor: process.argv[3] !== "--color" }));
const r = W.validate(a, al);
// wasm-bindgen Result<(), JsError>: returns [errIdx, isErr]
if (r && r[1]) { const e = W.__wbindgen_externrefs.get(r[0]); const j = JSON.parse(e.message); process.stdout.write(process.env.RAW ? e.message : j.message); }
else process.stdout.write("OK\n");

# Writes COUNT line-level mutants of the schemas listed in LIST (one path a line) into OUT.
# usage: python3 mutate.py SEED COUNT LIST OUT
import random, sys, os, re
seed, count, listfile, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
random.seed(seed)
files = [l.strip() for l in open(listfile) if l.strip()]
os.makedirs(out, exist_ok=True)
for f in os.listdir(out): os.remove(os.path.join(out, f))
TOKENS = ['@id', '@unique', '@relation', '?', '[]', '{', '}', '//', '///', '/*', '*/', '"', '\\', '@@index([a])', '(', ')', ',', ':', '=', '\t', '  ', '\r\n', '\r', 'model X {', 'enum', '@default(now())', 'é', '@db.VarChar(10)', '@@map("x")', ' // c']
n = 0
for i in range(count):
    src = open(random.choice(files), encoding='utf-8').read()
    lines = src.split('\n')
    for _ in range(random.randint(1, 4)):
        if not lines: break
        k = random.randrange(len(lines))
        op = random.randrange(15)
        if op == 0: del lines[k]
        elif op == 1: lines.insert(k, lines[random.randrange(len(lines))])
        elif op == 2:
            j = random.randrange(len(lines)); lines[k], lines[j] = lines[j], lines[k]
        elif op == 3:
            toks = lines[k].split(' ')
            if len(toks) > 1: del toks[random.randrange(len(toks))]
            lines[k] = ' '.join(toks)
        elif op == 4:
            p = random.randint(0, len(lines[k])); lines[k] = lines[k][:p] + random.choice(TOKENS) + lines[k][p:]
        elif op == 5: lines[k] = re.sub(r'@relation\([^)]*\)', '', lines[k])
        elif op == 6: lines[k] = lines[k].replace('  ', '\t')
        elif op == 7: lines[k] = lines[k] + random.choice(['', ' ', '  // x', ' /// d'])
        elif op == 8: lines.insert(k, '')
        else:
            cand = [j for j, l in enumerate(lines) if '@relation' in l or re.search(r'^\s+\w+\s+[A-Z]\w*(\[\]|\?)?\s*$', l)]
            if not cand: continue
            k = random.choice(cand)
            op2 = random.randrange(6)
            if op2 == 0: del lines[k]
            elif op2 == 1: lines[k] = re.sub(r'fields: \[[^\]]*\],? ?', '', lines[k])
            elif op2 == 2: lines[k] = re.sub(r',? ?references: \[[^\]]*\]', '', lines[k])
            elif op2 == 3: lines[k] = re.sub(r'@relation\(([^)]*)\)', r'@relation("N", \1)', lines[k])
            elif op2 == 4: lines[k] = lines[k].replace('?', '').replace('[]', '?')
            else:
                ids = [j for j, l in enumerate(lines) if '@id' in l or '@unique' in l]
                if ids: j = random.choice(ids); lines[j] = lines[j].replace('@id', '').replace('@unique', '')
    open(os.path.join(out, f'm{i:05}.prisma'), 'w', encoding='utf-8').write('\n'.join(lines))

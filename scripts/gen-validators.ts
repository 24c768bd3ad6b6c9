/** `npm run gen:validators`: writes the precompiled ajv validators (see scripts/validators.ts). */
import fs from 'node:fs';
import { validatorSources } from './validators.js';

for (const f of validatorSources()) {
  fs.writeFileSync(f.path, f.text);
  console.log(`wrote ${f.path} (${f.text.length} characters)`);
}

/**
 * `npm run eval:ner [-- --lang ar|en] [--ablation]`: dev-split precision/recall/F1 per type, micro and macro.
 * Without --lang: Arabic. English is evaluated by scripts/ner-en.ts (evalEnglish).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { evalArabic } from './ner-ar';

const argv = process.argv.slice(2);
const i = argv.indexOf('--lang');
const lang = i >= 0 ? argv[i + 1] : 'ar';
const rest = i >= 0 ? [...argv.slice(0, i), ...argv.slice(i + 2)] : argv;

if (lang === 'ar') evalArabic(rest);
else if (lang === 'en') {
  const file = path.join(__dirname, 'ner-en.ts');
  if (!fs.existsSync(file)) {
    console.error('English NER evaluation lives in scripts/ner-en.ts (evalEnglish), which is not there yet.');
    process.exitCode = 1;
  } else {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const en = require('./ner-en') as { evalEnglish?: (argv: string[]) => void };
    if (typeof en.evalEnglish !== 'function') {
      console.error('scripts/ner-en.ts does not export evalEnglish(argv) yet.');
      process.exitCode = 1;
    } else en.evalEnglish(rest);
  }
} else {
  console.error(`unknown --lang ${lang} (ar or en)`);
  process.exitCode = 2;
}

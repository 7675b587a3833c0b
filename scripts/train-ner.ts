/**
 * `npm run train:ner [-- --lang ar|en] [--epochs N]`: reproduce the shipped NER model(s) from ../shared/data.
 * Without --lang: Arabic. English is trained by scripts/ner-en.ts (trainEnglish).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { trainArabic } from './ner-ar';

const argv = process.argv.slice(2);
const i = argv.indexOf('--lang');
const lang = i >= 0 ? argv[i + 1] : 'ar';
const rest = i >= 0 ? [...argv.slice(0, i), ...argv.slice(i + 2)] : argv;

if (lang === 'ar') trainArabic(rest);
else if (lang === 'en') {
  const file = path.join(__dirname, 'ner-en.ts');
  if (!fs.existsSync(file)) {
    console.error('English NER training lives in scripts/ner-en.ts (trainEnglish), which is not there yet.');
    process.exitCode = 1;
  } else {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const en = require('./ner-en') as { trainEnglish?: (argv: string[]) => void };
    if (typeof en.trainEnglish !== 'function') {
      console.error('scripts/ner-en.ts does not export trainEnglish(argv) yet.');
      process.exitCode = 1;
    } else en.trainEnglish(rest);
  }
} else {
  console.error(`unknown --lang ${lang} (ar or en)`);
  process.exitCode = 2;
}

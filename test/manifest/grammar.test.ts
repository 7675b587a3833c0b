/**
 * The TextMate grammar for `article`: every grammar file named in package.json exists and parses, and the article
 * grammar scopes a sample the way VS Code will (vscode-textmate + vscode-oniguruma, the same engine VS Code uses).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

const root = path.resolve(__dirname, '../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const grammars: { language?: string; scopeName: string; path: string }[] = manifest.contributes?.grammars ?? [];

let registry: vsctm.Registry;

before(async () => {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName: string) => {
      const g = grammars.find((x) => x.scopeName === scopeName);
      if (!g) return null;
      const file = path.join(root, g.path);
      return vsctm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file);
    },
  });
});

interface Token { text: string; scopes: string[] }

/** Tokenizes text line by line and returns every token with its scopes. */
async function tokenize(text: string): Promise<Token[][]> {
  const grammar = await registry.loadGrammar('text.article');
  assert.ok(grammar, 'grammar text.article loads');
  let state = vsctm.INITIAL;
  const out: Token[][] = [];
  for (const line of text.split('\n')) {
    const r = grammar.tokenizeLine(line, state);
    out.push(r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes })));
    state = r.ruleStack;
  }
  return out;
}

/** The scopes of the token(s) covering `needle` on a line (the first token that contains its first character). */
function scopesOf(line: Token[], needle: string): string[] {
  const joined = line.map((t) => t.text).join('');
  const at = joined.indexOf(needle);
  assert.ok(at >= 0, `'${needle}' is on the line '${joined}'`);
  let pos = 0;
  for (const t of line) {
    if (at >= pos && at < pos + t.text.length) return t.scopes;
    pos += t.text.length;
  }
  throw new Error('unreachable');
}

function hasScope(line: Token[], needle: string, scope: string): boolean {
  return scopesOf(line, needle).some((s) => s.startsWith(scope));
}

describe('manifest: grammars', () => {
  it('package.json names at least the article grammar, and every grammar file exists and parses', async () => {
    assert.ok(grammars.some((g) => g.language === 'article' && g.scopeName === 'text.article'));
    for (const g of grammars) {
      const file = path.join(root, g.path);
      assert.ok(fs.existsSync(file), `${g.path} exists`);
      const raw = JSON.parse(fs.readFileSync(file, 'utf8'));
      assert.equal(raw.scopeName, g.scopeName, `${g.path} declares scopeName ${g.scopeName}`);
      const grammar = await registry.loadGrammar(g.scopeName);
      assert.ok(grammar, `${g.path} compiles`);
      // Compiling every regular expression happens lazily, on first use: tokenizing a line exercises them all.
      grammar.tokenizeLine('x 1 «y» "z" “w” Monday يناير', vsctm.INITIAL);
    }
  });

  it('scopes the Arabic seed: headline, no false dateline, «…» quotation', async () => {
    const seed = fs.readFileSync(path.join(root, 'seeds/000_36fff38b519712a3.txt'), 'utf8');
    const lines = await tokenize(seed);
    // The first line is the headline, all of it.
    assert.ok(lines[0].every((t) => t.scopes.includes('markup.heading.1.article')), 'whole first line is the headline');
    assert.ok(!lines[1].some((t) => t.scopes.includes('markup.heading.1.article')), 'the second line is not');
    // A verb of saying before a comma is not a dateline.
    assert.ok(!lines[1].some((t) => t.scopes.some((s) => s.startsWith('meta.dateline'))), "'قال وزير…' is no dateline");
    const quoteLine = lines.findIndex((l) => l.some((t) => t.text === '«'));
    assert.ok(quoteLine > 0, 'the seed has a «…» quotation');
    assert.ok(hasScope(lines[quoteLine], 'نقيم دوركم', 'string.quoted.other.guillemets.article'));
  });

  const sample = [
    'لافروف يستقبل حفتر يوم الثلاثاء',
    'موسكو (وكالات) - أعلن الوزير، الخميس 29 نوفمبر ٢٠١٦، أن «الجيش سيبقى» وأن “الحل سياسي”.',
    'وجرى ذلك في 29 صفر 1438 وفي ١٥ تشرين الثاني، وبلغ العدد 1,250.5 أو ۱۲۳.',
    'قال الوزير: "نعم" وصفر ليس شهرا هنا.',
    'MOSCOW, Nov. 30 (Reuters) — Lavrov met Haftar on Tuesday, November 29, 2016, and said "we value your role".',
  ].join('\n');

  it('scopes a constructed sample: dateline, quotations, digits, Arabic and English dates', async () => {
    const [h, ar, more, said, en] = await tokenize(sample);
    assert.ok(hasScope(h, 'الثلاثاء', 'markup.heading.1.article'));
    assert.ok(hasScope(h, 'الثلاثاء', 'support.constant.weekday.article'), 'a weekday inside the headline');

    assert.ok(hasScope(ar, 'موسكو', 'entity.name.section.dateline.place.article'));
    assert.ok(hasScope(ar, '(وكالات)', 'entity.name.section.dateline.agency.article'));
    assert.ok(hasScope(ar, 'الخميس', 'support.constant.weekday.article'));
    assert.ok(hasScope(ar, '29', 'constant.numeric.article'));
    assert.ok(hasScope(ar, 'نوفمبر', 'support.constant.month.article'));
    assert.ok(hasScope(ar, '٢٠١٦', 'constant.numeric.article'), 'Arabic-Indic digits');
    assert.ok(hasScope(ar, 'الجيش سيبقى', 'string.quoted.other.guillemets.article'));
    assert.ok(hasScope(ar, 'الحل سياسي', 'string.quoted.double.curly.article'));
    assert.ok(!hasScope(ar, 'أعلن', 'string'), 'text outside quotes is no string');

    assert.ok(hasScope(more, 'صفر', 'support.constant.month.hijri.article'), 'Hijri month after a day');
    assert.ok(hasScope(more, 'تشرين الثاني', 'support.constant.month.article'), 'two-word Levantine month');
    assert.ok(hasScope(more, '١٥', 'constant.numeric.article'));
    assert.ok(hasScope(more, '1,250.5', 'constant.numeric.article'));
    assert.ok(hasScope(more, '۱۲۳', 'constant.numeric.article'), 'Persian digits');

    assert.ok(!said.some((t) => t.scopes.some((s) => s.startsWith('meta.dateline'))), "'قال الوزير:' is no dateline");
    assert.ok(hasScope(said, 'نعم', 'string.quoted.double.article'));
    assert.ok(!hasScope(said, 'صفر', 'support.constant.month'), "'صفر' (zero) without a day number is no month");

    assert.ok(hasScope(en, 'MOSCOW', 'entity.name.section.dateline.place.article'));
    assert.ok(hasScope(en, 'Nov.', 'support.constant.month.article'), 'month inside the dateline');
    assert.ok(hasScope(en, '(Reuters)', 'entity.name.section.dateline.agency.article'));
    assert.ok(hasScope(en, 'Tuesday', 'support.constant.weekday.article'));
    assert.ok(hasScope(en, 'November', 'support.constant.month.article'));
    assert.ok(hasScope(en, '2016', 'constant.numeric.article'));
    assert.ok(hasScope(en, 'we value', 'string.quoted.double.article'));
    assert.ok(!hasScope(en, 'Lavrov', 'support'), 'names are not dates');
  });

  it('the whole 1,250.5 is one number token, and a word with a digit inside is not a number', async () => {
    const [line] = await tokenize('x 1,250.5 and A380 y');
    const num = line.filter((t) => t.scopes.includes('constant.numeric.article')).map((t) => t.text);
    assert.deepEqual(num, ['1,250.5']);
  });
});

/**
 * package.json against the code: every contributed command is registered by the client (client/src/commands.ts
 * loaded with a recording stand-in for the `vscode` module), every setting has a type, default and description,
 * the activation events and files it names exist, and `.vscodeignore` is an allow-list.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const contributes = manifest.contributes ?? {};
/** package.nls.json: the English strings that `%key%` placeholders in package.json stand for. */
const nlsFile = path.join(root, 'package.nls.json');
const nls: Record<string, string> = fs.existsSync(nlsFile) ? JSON.parse(fs.readFileSync(nlsFile, 'utf8')) : {};
/** A manifest string with its %key% placeholder resolved (undefined when the key is missing). */
function localized(s: unknown): string | undefined {
  if (typeof s !== 'string') return undefined;
  const m = /^%(.+)%$/.exec(s);
  return m ? nls[m[1]] : s;
}

/**
 * Loads client/src/commands.ts with `vscode` replaced by an object that records `commands.registerCommand` calls,
 * runs its `registerCommands`, and returns the registered ids. Anything else the module touches at load time is a
 * no-op proxy, so a new import of `vscode` API there does not break this test.
 */
function registeredCommandIds(): string[] {
  const ids: string[] = [];
  const noop: any = new Proxy(function () {}, { get: (_t, k) => (k === 'then' ? undefined : noop), apply: () => noop, construct: () => noop });
  const fakeVscode = new Proxy({
    commands: { registerCommand: (id: string) => { ids.push(id); return { dispose() {} }; }, executeCommand: async () => undefined },
  } as Record<string, unknown>, { get: (t, k: string) => (k in t ? t[k] : noop) });
  const M = Module as unknown as { _load: (request: string, parent: unknown, isMain: boolean) => unknown };
  const load = M._load;
  M._load = function (request: string, parent: unknown, isMain: boolean) {
    if (request === 'vscode') return fakeVscode;
    return load.call(this, request, parent, isMain);
  };
  try {
    const mod = require(path.join(root, 'client/src/commands.ts'));
    const subscriptions: unknown[] = [];
    mod.registerCommands({ subscriptions }, { client: () => undefined, output: noop, restart: async () => undefined, context: noop });
    assert.equal(subscriptions.length, ids.length, 'every registration is disposed with the extension');
  } finally {
    M._load = load;
  }
  return ids;
}

describe('manifest: package.json', () => {
  it('every contributed command is registered by the client, and every registered palette command is contributed', () => {
    const contributed: string[] = (contributes.commands ?? []).map((c: { command: string }) => c.command);
    assert.ok(contributed.length >= 2, 'some commands are contributed');
    const registered = registeredCommandIds();
    for (const id of contributed) assert.ok(registered.includes(id), `${id} is registered by client/src/commands.ts`);
    for (const id of registered.filter((x) => !x.startsWith('_'))) assert.ok(contributed.includes(id), `${id} is in contributes.commands`);
    for (const id of contributed) assert.ok(!id.startsWith('_'), `internal command ${id} is not contributed`);
  });

  it('every command has a title and the Article Lens category; ids are articleLens.verbNoun', () => {
    for (const c of contributes.commands ?? []) {
      assert.ok((localized(c.title) ?? '').length > 0, `${c.command} has a title (${c.title})`);
      assert.equal(c.category, 'Article Lens', `${c.command} category`);
      assert.match(c.command, /^articleLens\.[a-z]+[A-Za-z]*$/);
    }
  });

  it('menus and keybindings name only contributed commands', () => {
    const contributed = new Set((contributes.commands ?? []).map((c: { command: string }) => c.command));
    for (const [where, items] of Object.entries<any[]>(contributes.menus ?? {})) {
      for (const item of items) if (item.command) assert.ok(contributed.has(item.command), `menus.${where}: ${item.command}`);
    }
    for (const k of contributes.keybindings ?? []) assert.ok(contributed.has(k.command), `keybinding ${k.command}`);
  });

  it('every setting has a type, a default of that type and a description', () => {
    const props: Record<string, any> = contributes.configuration?.properties ?? {};
    assert.ok(Object.keys(props).includes('articleLens.languages'));
    const typeOf = (v: unknown) => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v === 'number' ? 'number' : typeof v);
    for (const [key, p] of Object.entries(props)) {
      assert.match(key, /^articleLens\./);
      assert.ok(p.type, `${key} has a type`);
      assert.ok('default' in p, `${key} has a default`);
      const types: string[] = Array.isArray(p.type) ? p.type : [p.type];
      const actual = typeOf(p.default);
      assert.ok(types.includes(actual) || (actual === 'number' && types.includes('integer')), `${key}: default ${JSON.stringify(p.default)} is a ${types.join('|')}`);
      if (p.enum) assert.ok(p.enum.includes(p.default), `${key}: default is one of its enum values`);
      if (p.pattern && typeof p.default === 'string') assert.match(p.default, new RegExp(p.pattern, 'u'), `${key}: default matches its pattern`);
      const description = localized(p.description ?? p.markdownDescription);
      assert.ok(description && description.length > 10, `${key} has a description (${p.description ?? p.markdownDescription})`);
    }
  });

  it('the language article is contributed with its configuration file, and the extension activates on it', () => {
    const lang = (contributes.languages ?? []).find((l: { id: string }) => l.id === 'article');
    assert.ok(lang, 'language article');
    assert.ok(fs.existsSync(path.join(root, lang.configuration)), `${lang.configuration} exists`);
    const conf = JSON.parse(fs.readFileSync(path.join(root, lang.configuration), 'utf8'));
    assert.ok(conf.autoClosingPairs.some((p: { open: string; close: string }) => p.open === '«' && p.close === '»'), '«» pair');
    assert.ok(new RegExp(conf.wordPattern, 'u').test('لافروف'), 'the word pattern takes Arabic letters');
    assert.equal(new RegExp(`^(?:${conf.wordPattern})$`, 'u').test('مُحَمَّد'), true, 'and diacritics');
    assert.ok(manifest.activationEvents.includes('onLanguage:article'));
    assert.equal(manifest.main, './dist/extension.js', 'main is the esbuild bundle');
  });

  it('files named in contributes (jsonValidation schemas, icons) exist', () => {
    for (const v of contributes.jsonValidation ?? []) {
      if (/^https?:/.test(v.url)) continue;
      const f = path.join(root, v.url);
      assert.ok(fs.existsSync(f), `${v.url} exists`);
      JSON.parse(fs.readFileSync(f, 'utf8'));
    }
    if (manifest.icon) assert.ok(fs.existsSync(path.join(root, manifest.icon)), 'icon exists');
  });

  it('.vscodeignore is an allow-list that keeps the bundles, grammar, language configuration and models', () => {
    const lines = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    assert.equal(lines[0], '**', 'first it ignores everything');
    const allowed = lines.slice(1);
    assert.ok(allowed.every((l) => l.startsWith('!')), 'then only re-includes');
    for (const want of ['!dist/extension.js', '!dist/server.js', '!language-configuration.json', '!package.json', '!LICENSE']) {
      assert.ok(allowed.includes(want), `${want} is allowed`);
    }
    assert.ok(allowed.some((l) => l.startsWith('!syntaxes/')), 'syntaxes are allowed');
    assert.ok(allowed.some((l) => l.startsWith('!models/')), 'models are allowed');
  });

  it('every %placeholder% of package.json has its string in package.nls.json and in each translation', () => {
    const keys = [...JSON.stringify(manifest).matchAll(/"%([^"%]+)%"/g)].map((m) => m[1]);
    const translations = fs.readdirSync(root).filter((f) => /^package\.nls\.[\w-]+\.json$/.test(f));
    for (const k of keys) {
      assert.ok(typeof nls[k] === 'string' && nls[k].length > 0, `package.nls.json has ${k}`);
      for (const t of translations) {
        const tr = JSON.parse(fs.readFileSync(path.join(root, t), 'utf8'));
        assert.ok(typeof tr[k] === 'string' && tr[k].length > 0, `${t} has ${k}`);
      }
    }
  });

  it('what VS Code needs to install it: publisher, engines.vscode, LICENSE, repository', () => {
    assert.match(manifest.publisher, /^[a-z0-9][a-z0-9-]*$/);
    assert.match(manifest.engines.vscode, /^\^1\.\d+\.\d+$/);
    assert.ok(fs.existsSync(path.join(root, 'LICENSE')));
    assert.ok(manifest.repository?.url, 'a repository field (vsce asks for it)');
    assert.equal(manifest.dependencies?.vscode, undefined, 'the vscode module is not a dependency');
  });
});

/** package.json `contributes` against the server: token types, code action kinds, command ids, localized strings. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FIX_ALL_KIND } from '../../server/src/features/codeActions';
import { legend } from '../../server/src/features/semanticTokens';
import { Commands, defaultSettings } from '../../server/src/protocol';

const root = path.resolve(__dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const c = pkg.contributes;

describe('contributes: package.json matches the server and client', () => {
  it('every semantic token type of the legend is contributed with a default colour scope', () => {
    const types = c.semanticTokenTypes.map((t: { id: string }) => t.id);
    const scopes = Object.assign({}, ...c.semanticTokenScopes.map((s: { scopes: object }) => s.scopes));
    for (const t of legend.tokenTypes) {
      assert.ok(types.includes(t), `${t} in semanticTokenTypes`);
      assert.ok(Array.isArray(scopes[t]) && scopes[t].length > 0, `${t} has TextMate scopes`);
    }
  });

  it('the fix-all code action kind is contributed, every command id of protocol.ts is contributed', () => {
    const kinds = c.codeActions.flatMap((x: { actions: Array<{ kind: string }> }) => x.actions.map((a) => a.kind));
    assert.ok(kinds.includes(FIX_ALL_KIND));
    const ids = c.commands.map((x: { command: string }) => x.command);
    assert.deepEqual([...ids].sort(), Object.values(Commands).sort());
  });

  it('every %key% has an English and an Arabic string, and nothing is left over', () => {
    const keys = [...JSON.stringify(pkg).matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
    assert.ok(keys.length >= 20);
    for (const f of ['package.nls.json', 'package.nls.ar.json']) {
      const nls = JSON.parse(fs.readFileSync(path.join(root, f), 'utf8'));
      for (const k of keys) assert.ok(typeof nls[k] === 'string' && nls[k].length > 0, `${f}: ${k}`);
      assert.deepEqual(Object.keys(nls).filter((k) => !keys.includes(k)), [], `${f}: unused keys`);
    }
    const ar = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.ar.json'), 'utf8'));
    assert.match(ar['command.showReport'], /[\u0600-\u06FF]/);
  });

  it('every vscode.l10n.t string of the client has an Arabic translation', () => {
    const bundle = JSON.parse(fs.readFileSync(path.join(root, 'l10n/bundle.l10n.ar.json'), 'utf8'));
    const src = fs.readdirSync(path.join(root, 'client/src')).map((f) => fs.readFileSync(path.join(root, 'client/src', f), 'utf8')).join('\n');
    const strings = [...src.matchAll(/l10n\.t\(\s*(['"])((?:(?!\1).)*)\1/g)].map((m) => m[2].replace(/\\'/g, "'"));
    assert.ok(strings.length > 10);
    for (const s of strings) assert.ok(bundle[s], `no Arabic for '${s}'`);
  });

  it('the settings the server reads are contributed with the same defaults', () => {
    const props = c.configuration.properties;
    for (const [k, v] of Object.entries(defaultSettings)) {
      if (k === 'workspaceIndex') {
        for (const [kk, vv] of Object.entries(v as object)) assert.deepEqual(props[`articleLens.workspaceIndex.${kk}`]?.default, vv, `workspaceIndex.${kk}`);
      } else assert.deepEqual(props[`articleLens.${k}`]?.default, v, k);
    }
  });
});

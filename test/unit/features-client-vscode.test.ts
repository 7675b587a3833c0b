/**
 * Client parts that import `vscode`, loaded with a small recording stand-in for the module (as the manifest test does):
 * crash recovery (bounded restarts, then a message) and the publication-date validation of 'Set Publication Date'.
 */
import * as assert from 'node:assert/strict';
import Module from 'node:module';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../..');
const shown: string[] = [];
// Anything else vscode-languageclient touches at load time is a constructible no-op.
const noop: any = new Proxy(function () {}, { get: (_t, k) => (k === 'then' ? undefined : k === 'prototype' ? {} : noop), apply: () => noop, construct: () => noop });
const fakeVscode = new Proxy(
  {
    l10n: { t: (s: string, ...args: unknown[]) => s.replace(/\{(\d+)\}/g, (_, i: string) => String(args[+i])) },
    window: { showErrorMessage: async (m: string) => (shown.push(m), undefined) },
    commands: { executeCommand: async () => undefined },
  } as Record<string, unknown>,
  { get: (t, k: string) => (k in t ? t[k] : noop) },
);
/** vscode-languageclient's CloseAction values. */
const CloseAction = { DoNotRestart: 1, Restart: 2 };

function load<T>(file: string): T {
  const M = Module as unknown as { _load: (request: string, parent: unknown, isMain: boolean) => unknown };
  const orig = M._load;
  M._load = function (request: string, parent: unknown, isMain: boolean) {
    if (request === 'vscode') return fakeVscode;
    return orig.call(this, request, parent, isMain);
  };
  try {
    return require(path.join(root, file)) as T;
  } finally {
    M._load = orig;
  }
}

describe('client: crash recovery and input validation', () => {
  it('restarts a crashed server up to 4 times in 3 minutes, then stops and says so', () => {
    const { RestartingErrorHandler } = load<typeof import('../../client/src/extension')>('client/src/extension.ts');
    let now = 0;
    const logs: string[] = [];
    const h = new RestartingErrorHandler({ warn: (m: string) => logs.push(m) } as never, 4, 180_000, () => now);
    const actions: unknown[] = [];
    for (let i = 0; i < 5; i++) {
      now += 1000;
      actions.push((h.closed() as { action: unknown }).action);
    }
    assert.deepEqual(actions, [CloseAction.Restart, CloseAction.Restart, CloseAction.Restart, CloseAction.Restart, CloseAction.DoNotRestart]);
    assert.equal(shown.length, 1);
    assert.match(shown[0], /stopped 5 times in 3 minutes/);
    assert.equal(logs.length, 4);
    // Crashes far apart never exhaust the budget.
    const spaced = new RestartingErrorHandler({ warn: () => undefined } as never, 4, 180_000, () => now);
    for (let i = 0; i < 10; i++) {
      now += 200_000;
      assert.equal((spaced.closed() as { action: unknown }).action, CloseAction.Restart);
    }
  });

  it('Set Publication Date accepts calendar days written YYYY-MM-DD (or empty), refuses the rest', () => {
    const { validatePublicationDate } = load<typeof import('../../client/src/commands')>('client/src/commands.ts');
    assert.equal(validatePublicationDate('2016-11-30'), undefined);
    assert.equal(validatePublicationDate(' 2016-02-29 '), undefined);
    assert.equal(validatePublicationDate(''), undefined);
    assert.match(validatePublicationDate('30/11/2016')!, /YYYY-MM-DD/);
    assert.match(validatePublicationDate('2015-02-29')!, /not a day/);
    assert.match(validatePublicationDate('2016-13-01')!, /not a day/);
  });
});

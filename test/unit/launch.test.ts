/**
 * How the server is launched: bin/article-lens-server.js (the server for any LSP editor) starts the server with the
 * same Node flags as the VS Code client (SERVER_NODE_FLAGS, server/src/node/launch.ts), and a server started through
 * it answers over stdio.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SERVER_NODE_FLAGS } from '../../server/src/node/launch';

const root = path.resolve(__dirname, '..', '..');
const bin = path.join(root, 'bin', 'article-lens-server.js');

function frame(message: object): string {
  const body = JSON.stringify(message);
  return `Content-Length: ${Buffer.byteLength(body, 'utf8')}\r\n\r\n${body}`;
}

describe('launch: bin/article-lens-server.js', () => {
  it('passes the same Node flags as the VS Code client', () => {
    const m = /const FLAGS = (\[[^\]]*\]);/.exec(fs.readFileSync(bin, 'utf8'));
    assert.ok(m, 'bin/article-lens-server.js declares FLAGS');
    assert.deepEqual(JSON.parse(m[1].replace(/'/g, '"')), [...SERVER_NODE_FLAGS]);
  });

  it('starts a server (in a child with the flags) that answers initialize and exits on exit', async function () {
    this.timeout(30000);
    if (!fs.existsSync(path.join(root, 'dist', 'server.js'))) this.skip();
    const p = spawn(process.execPath, [bin, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    // Messages from the server, read frame by frame (Content-Length counts bytes); the first answer with id 1.
    let buf = Buffer.alloc(0);
    let settled = false;
    const answered = new Promise<Record<string, any>>((resolve, reject) => {
      p.stdout.on('data', (d: Buffer) => {
        buf = Buffer.concat([buf, d]);
        for (;;) {
          const head = buf.indexOf('\r\n\r\n');
          if (head < 0) return;
          const m = /Content-Length: (\d+)/i.exec(buf.subarray(0, head).toString('latin1'));
          if (!m) return;
          const end = head + 4 + Number(m[1]);
          if (buf.length < end) return;
          const message = JSON.parse(buf.subarray(head + 4, end).toString('utf8'));
          buf = buf.subarray(end);
          if (message.id === 1 && !settled) {
            settled = true;
            resolve(message);
          }
        }
      });
      p.on('exit', (code) => {
        if (!settled) reject(new Error(`server exited (${code}) before answering`));
      });
    });
    p.stdin.write(frame({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }));
    const reply = await answered;
    assert.equal(reply.id, 1);
    assert.ok(reply.result?.capabilities?.hoverProvider, 'the server announces hover');
    const exited = new Promise<number | null>((resolve) => p.on('exit', (code) => resolve(code)));
    p.stdin.write(frame({ jsonrpc: '2.0', id: 2, method: 'shutdown' }));
    p.stdin.write(frame({ jsonrpc: '2.0', method: 'exit' }));
    assert.equal(await exited, 0);
  });
});

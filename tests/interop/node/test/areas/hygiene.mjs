// What the run left behind: state in Redis under the configured prefix, no token in Redis or
// the gateway's output, a healthy gateway.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe } from 'node:test';
import { it } from '../../lib/test.mjs';
import { redisCommand } from '../../lib/stack.mjs';

const tokens = ['demo-token', 'other-token', 'nope'];

export default function hygieneTests(ctx) {
  describe('gateway hygiene after the run', () => {
    it('the gateway keeps its state in Redis under Redis:KeyPrefix, and no key or value holds a token', async () => {
      const port = ctx.stack.redisPort;
      const keys = await redisCommand(port, 'KEYS', '*');
      assert.ok(keys.length > 0, 'the gateway wrote nothing to Redis');
      const foreign = keys.filter((k) => !k.startsWith(ctx.stack.keyPrefix));
      assert.deepEqual(foreign, [], `keys outside ${ctx.stack.keyPrefix}`);
      for (const key of keys) {
        for (const t of tokens) assert.ok(!key.includes(t), `key ${key} contains a token`);
        const type = await redisCommand(port, 'TYPE', key);
        let value;
        if (type === 'string') value = await redisCommand(port, 'GET', key);
        else if (type === 'hash') value = (await redisCommand(port, 'HGETALL', key)).join('\n');
        else if (type === 'none') continue; // expired meanwhile
        else value = JSON.stringify(await redisCommand(port, 'DUMP', key));
        for (const t of tokens) assert.ok(!String(value).includes(t), `the value of ${key} (${type}) contains a token`);
      }
    });

    it('the gateway never wrote a caller token to its output', () => {
      const output = `${fs.readFileSync(ctx.stack.gateway.logPath, 'utf8')}\n${ctx.stack.gateway.output}`;
      for (const t of ['demo-token', 'other-token']) {
        assert.ok(!output.includes(t), `the gateway's output contains "${t}" (log: ${ctx.stack.gateway.logPath})`);
      }
    });

    it('the gateway is still alive and ready', async () => {
      assert.equal(ctx.stack.gateway.exit, null, `the gateway ${ctx.stack.gateway.describeExit()}`);
      for (const route of ['/healthz', '/readyz']) {
        const res = await fetch(`${ctx.stack.httpUrl}${route}`, { signal: AbortSignal.timeout(3000) });
        await res.arrayBuffer();
        assert.equal(res.status, 200, route);
      }
    });
  });
}

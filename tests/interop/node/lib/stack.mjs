// Starts the stack the suite runs against: redis-server, the simulated upstream and the gateway,
// each a child process on a free 127.0.0.1 port; stops them by their pid when the tests end,
// also when a test or the start itself fails, and when the test process exits or is interrupted.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { dotnet, gatewayDll, redisServer, simulatorDll } from './paths.mjs';

const host = '127.0.0.1';
const running = new Set();

function killAllNow() {
  for (const child of running) {
    try {
      process.kill(child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  running.clear();
}

// Last line of defence: whatever happens to the test process, no child outlives it.
process.once('exit', killAllNow);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    killAllNow();
    process.exit(128 + (os.constants.signals[signal] ?? 1));
  });
}

/** `count` distinct free loopback ports (all held open until every one is chosen). */
export async function freePorts(count) {
  const servers = [];
  try {
    for (let i = 0; i < count; i++) {
      const server = net.createServer();
      await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, host, resolve);
      });
      servers.push(server);
    }
    return servers.map((s) => s.address().port);
  } finally {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A started child process whose output goes to a log file and a small in-memory tail. */
class Child {
  constructor(name, command, args, { cwd, logDir }) {
    this.name = name;
    this.command = command;
    this.args = args;
    this.logPath = path.join(logDir, `${name}.log`);
    this.output = '';
    this.exit = null;
    const log = fs.createWriteStream(this.logPath);
    this.proc = spawn(command, args, {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        DOTNET_CLI_TELEMETRY_OPTOUT: '1',
        DOTNET_NOLOGO: '1',
        ASPNETCORE_ENVIRONMENT: 'Production',
        DOTNET_ENVIRONMENT: 'Production',
      },
    });
    this.pid = this.proc.pid;
    const onData = (chunk) => {
      const text = chunk.toString();
      log.write(text);
      this.output += text;
      if (this.output.length > 200_000) this.output = this.output.slice(-100_000);
    };
    this.proc.stdout.on('data', onData);
    this.proc.stderr.on('data', onData);
    this.exited = new Promise((resolve) => {
      this.proc.once('error', (err) => {
        this.exit = { error: err };
        running.delete(this);
        log.end();
        resolve(this.exit);
      });
      this.proc.once('exit', (code, signal) => {
        this.exit = { code, signal };
        running.delete(this);
        log.end();
        resolve(this.exit);
      });
    });
    if (this.pid !== undefined) running.add(this);
  }

  tail(lines = 40) {
    return this.output.split('\n').slice(-lines).join('\n');
  }

  describeExit() {
    if (!this.exit) return 'still running';
    if (this.exit.error) return `could not start: ${this.exit.error.message}`;
    return this.exit.signal ? `killed by ${this.exit.signal}` : `exited with code ${this.exit.code}`;
  }

  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
  async stop(graceMs = 5000) {
    if (this.exit) return;
    try {
      process.kill(this.pid, 'SIGTERM');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(this.pid, 'SIGKILL');
      } catch {
        // gone meanwhile
      }
    }, graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}

/** Polls `probe` until it returns true; fails early when `child` exits, or after `timeoutMs`. */
async function waitReady(child, what, probe, timeoutMs) {
  const started = Date.now();
  let lastError = 'no answer yet';
  while (Date.now() - started < timeoutMs) {
    if (child.exit) {
      throw new Error(`${child.name} ${child.describeExit()} before ${what}.\n` +
        `command: ${child.command} ${child.args.join(' ')}\n--- last output ---\n${child.tail()}`);
    }
    try {
      if (await probe()) return;
    } catch (err) {
      lastError = err.message;
    }
    await sleep(100);
  }
  throw new Error(`${child.name} did not get ready (${what}) within ${timeoutMs} ms (last: ${lastError}).\n` +
    `command: ${child.command} ${child.args.join(' ')}\n--- last output ---\n${child.tail()}`);
}

async function httpStatus(url) {
  const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
  await res.arrayBuffer();
  return res.status;
}

/** Sends one RESP command to Redis and resolves with the parsed reply. */
export function redisCommand(port, ...args) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, host);
    let buffer = Buffer.alloc(0);
    socket.setTimeout(3000, () => socket.destroy(new Error('redis: timeout')));
    socket.on('error', reject);
    socket.on('connect', () => {
      let out = `*${args.length}\r\n`;
      for (const a of args) out += `$${Buffer.byteLength(String(a))}\r\n${a}\r\n`;
      socket.write(out);
    });
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      const parsed = parseResp(buffer, 0);
      if (parsed) {
        socket.end();
        if (parsed.value instanceof Error) reject(parsed.value);
        else resolve(parsed.value);
      }
    });
  });
}

function parseResp(buf, offset) {
  const eol = buf.indexOf('\r\n', offset);
  if (eol < 0) return null;
  const type = String.fromCharCode(buf[offset]);
  const line = buf.toString('utf8', offset + 1, eol);
  const next = eol + 2;
  switch (type) {
    case '+':
      return { value: line, end: next };
    case '-':
      return { value: new Error(line), end: next };
    case ':':
      return { value: Number(line), end: next };
    case '$': {
      const len = Number(line);
      if (len < 0) return { value: null, end: next };
      if (buf.length < next + len + 2) return null;
      return { value: buf.toString('utf8', next, next + len), end: next + len + 2 };
    }
    case '*': {
      const n = Number(line);
      if (n < 0) return { value: null, end: next };
      const items = [];
      let pos = next;
      for (let i = 0; i < n; i++) {
        const item = parseResp(buf, pos);
        if (!item) return null;
        items.push(item.value);
        pos = item.end;
      }
      return { value: items, end: pos };
    }
    default:
      return { value: new Error(`unexpected RESP type ${type}`), end: buf.length };
  }
}

/**
 * Starts redis-server, the simulator and the gateway. Resolves with their addresses and a
 * `stop()`; on failure stops whatever already started and rethrows with the process output.
 */
export async function startStack({ readyTimeoutMs = 60000 } = {}) {
  for (const [what, file] of [['gateway', gatewayDll], ['simulator', simulatorDll]]) {
    if (!fs.existsSync(file)) {
      throw new Error(`The ${what} build output is missing: ${file}\n` +
        'Build the solution in Debug first, from the repository root: dotnet build JobGateway.sln -c Debug ' +
        '(or dotnet build src/JobGateway -c Debug && dotnet build src/JobGateway.Simulator -c Debug).');
    }
  }

  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jobgateway-interop-node-'));
  const [redisPort, simPort, grpcPort, httpPort] = await freePorts(4);
  const children = [];
  const stop = async () => {
    for (const child of [...children].reverse()) await child.stop();
  };

  try {
    const redis = new Child('redis', redisServer,
      ['--port', String(redisPort), '--bind', host, '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'],
      { cwd: logDir, logDir });
    children.push(redis);
    await waitReady(redis, 'answering PING', async () => (await redisCommand(redisPort, 'PING')) === 'PONG', readyTimeoutMs);

    const simulatorUrl = `http://${host}:${simPort}`;
    const simulator = new Child('simulator', dotnet,
      [simulatorDll, '--urls', simulatorUrl, '--Logging:LogLevel:Default=Warning'],
      { cwd: path.dirname(simulatorDll), logDir });
    children.push(simulator);
    await waitReady(simulator, `answering GET ${simulatorUrl}/_control/counters`,
      async () => (await httpStatus(`${simulatorUrl}/_control/counters`)) === 200, readyTimeoutMs);

    const grpcAddress = `${host}:${grpcPort}`;
    const httpUrl = `http://${host}:${httpPort}`;
    const gatewayArgs = [
      gatewayDll,
      `--Kestrel:Endpoints:Grpc:Url=http://${grpcAddress}`,
      '--Kestrel:Endpoints:Grpc:Protocols=Http2',
      `--Kestrel:Endpoints:Http:Url=${httpUrl}`,
      '--Kestrel:Endpoints:Http:Protocols=Http1',
      `--Upstream:BaseUrl=${simulatorUrl}/`,
      `--Redis:Configuration=${host}:${redisPort}`,
      '--Redis:KeyPrefix=interop:',
      '--Polling:Interval=00:00:00.500',
      '--Upstream:RetryBaseDelay=00:00:00.010',
      '--Upstream:MaxRetries=1',
      '--Logging:LogLevel:Default=Warning',
    ];
    const gateway = new Child('gateway', dotnet, gatewayArgs, { cwd: path.dirname(gatewayDll), logDir });
    children.push(gateway);
    await waitReady(gateway, `answering GET ${httpUrl}/healthz with 200`,
      async () => (await httpStatus(`${httpUrl}/healthz`)) === 200, readyTimeoutMs);
    await waitReady(gateway, `answering GET ${httpUrl}/readyz with 200 (Redis connected)`,
      async () => (await httpStatus(`${httpUrl}/readyz`)) === 200, readyTimeoutMs);

    return {
      grpcAddress,
      httpUrl,
      simulatorUrl,
      redisPort,
      keyPrefix: 'interop:',
      pollIntervalMs: 500,
      logDir,
      redis,
      simulator,
      gateway,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

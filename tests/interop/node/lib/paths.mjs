// Where the suite finds the repository, the proto and the Debug build outputs.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The repository root (tests/interop/node/lib → ../../../..). */
export const repoRoot = path.resolve(here, '..', '..', '..', '..');

/** The buf module root: `proto/` at the repository root, loaded directly (no generated code). */
export const protoRoot = path.join(repoRoot, 'proto');

const configuration = process.env.JOBGW_INTEROP_CONFIGURATION || 'Debug';

/** The gateway's build output (override with JOBGW_INTEROP_GATEWAY_DLL). */
export const gatewayDll = process.env.JOBGW_INTEROP_GATEWAY_DLL
  || path.join(repoRoot, 'src', 'JobGateway', 'bin', configuration, 'net10.0', 'JobGateway.dll');

/** The simulator's build output (override with JOBGW_INTEROP_SIMULATOR_DLL). */
export const simulatorDll = process.env.JOBGW_INTEROP_SIMULATOR_DLL
  || path.join(repoRoot, 'src', 'JobGateway.Simulator', 'bin', configuration, 'net10.0', 'JobGateway.Simulator.dll');

/** redis-server (override with JOBGW_INTEROP_REDIS_SERVER; CI installs it with apt-get). */
export const redisServer = process.env.JOBGW_INTEROP_REDIS_SERVER || 'redis-server';

/** dotnet (override with JOBGW_INTEROP_DOTNET). */
export const dotnet = process.env.JOBGW_INTEROP_DOTNET || 'dotnet';

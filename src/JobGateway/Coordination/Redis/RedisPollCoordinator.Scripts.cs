namespace JobGateway.Coordination.Redis;

internal sealed partial class RedisPollCoordinator
{
    // A lease value is "owner|epoch|expiresAtMs". The key also has a PX TTL (Redis's clock); the embedded
    // expiry (the gateway's TimeProvider) lets a fake clock drive takeovers in tests and guards against a
    // holder whose renewals stopped while the key lingers.
    //
    // The epoch is max(previous + 1, now in ms): strictly growing per grant, and still growing after Redis
    // lost its data, so a state written before the loss never looks newer than one written after it.

    /// <summary>KEYS: lease, epoch, state. ARGV: owner, ttl ms, now ms, epoch ttl ms. Returns {epoch or 0, state or nil}.</summary>
    private const string AcquireScript = """
        local state = redis.call('GET', KEYS[3])
        local current = redis.call('GET', KEYS[1])
        if current then
          local expires = tonumber(string.match(current, '|(%d+)$'))
          if expires and expires > tonumber(ARGV[3]) then
            return {0, state}
          end
        end
        local epoch = redis.call('INCR', KEYS[2])
        local now = tonumber(ARGV[3])
        if epoch < now then
          epoch = now
          redis.call('SET', KEYS[2], string.format('%d', epoch))
        end
        redis.call('PEXPIRE', KEYS[2], ARGV[4])
        redis.call('SET', KEYS[1], ARGV[1] .. '|' .. string.format('%d', epoch) .. '|' .. string.format('%d', now + tonumber(ARGV[2])), 'PX', ARGV[2])
        return {epoch, state}
        """;

    /// <summary>KEYS: lease, epoch. ARGV: "owner|epoch", ttl ms, now ms, epoch ttl ms. Returns 1 when renewed.</summary>
    private const string RenewScript = """
        local current = redis.call('GET', KEYS[1])
        if not current or string.sub(current, 1, #ARGV[1] + 1) ~= ARGV[1] .. '|' then
          return 0
        end
        redis.call('SET', KEYS[1], ARGV[1] .. '|' .. string.format('%d', tonumber(ARGV[3]) + tonumber(ARGV[2])), 'PX', ARGV[2])
        redis.call('PEXPIRE', KEYS[2], ARGV[4])
        return 1
        """;

    /// <summary>
    /// KEYS: lease. ARGV: "owner|epoch", channel, event bytes, PUBLISH or SPUBLISH. Returns 1 when released,
    /// and then tells the group's other replicas, so one of them takes over at once instead of at its next tick.
    /// </summary>
    private const string ReleaseScript = """
        local current = redis.call('GET', KEYS[1])
        if current and string.sub(current, 1, #ARGV[1] + 1) == ARGV[1] .. '|' then
          redis.call('DEL', KEYS[1])
          redis.call(ARGV[4], ARGV[2], ARGV[3])
          return 1
        end
        return 0
        """;

    /// <summary>
    /// The fenced write (DESIGN 3.2): refuses a stale epoch, else stores the state and publishes it, in one step.
    /// KEYS: epoch, state. ARGV: epoch, state bytes, state ttl ms, channel, event bytes, PUBLISH or SPUBLISH.
    /// </summary>
    private const string WriteScript = """
        if redis.call('GET', KEYS[1]) ~= ARGV[1] then
          return 0
        end
        redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
        redis.call(ARGV[6], ARGV[4], ARGV[5])
        return 1
        """;
}

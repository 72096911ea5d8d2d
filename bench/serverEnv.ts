/**
 * The environment a server under test runs with in the benches: on 127.0.0.1, any port, quiet,
 * no timed backups, and the guards that protect a festival lifted where they would measure
 * themselves instead of the pipeline.
 */
export function benchServerEnv(dataDir: string, adminToken: string): Record<string, string> {
  return {
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    ADMIN_TOKEN: adminToken,
    LOG_LEVEL: 'warn',
    BACKUP_INTERVAL_MINUTES: '0',
    // The per-token write limit (default 1.000 events/s) protects a festival from a runaway device.
    WRITE_RATE_LIMIT: '1000000',
    // Every socket of a bench comes from 127.0.0.1 and a few tokens, which the venue's devices do not.
    MAX_SOCKETS_PER_TOKEN: '100000',
    MAX_SOCKETS_PER_ADDRESS: '100000',
    MAX_CONNECTIONS_PER_ADDRESS: '100000',
    SOCKET_HANDSHAKES_PER_MINUTE: '100000',
  };
}

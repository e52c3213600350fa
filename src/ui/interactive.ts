/**
 * ink decides once, when it loads, whether it runs in CI (the CI or CONTINUOUS_INTEGRATION
 * variables) and then draws only a final frame. The console is only ever opened on a
 * terminal (a TTY or an SSH pty), where a technician is typing whatever the environment
 * says, so those variables are set aside before ink loads. Import this first.
 */
for (const key of ['CI', 'CONTINUOUS_INTEGRATION']) {
  if (key in process.env) process.env[key] = '0';
}
export {};

/**
 * Preloaded (`node --import ./bench/usage.mjs …`) when /usr/bin/time is absent: reports
 * the process's own CPU time and peak RSS on stderr as it exits, in /usr/bin/time's
 * `-f '__USAGE__ %e %M %U %S'` layout (wall seconds are left to the parent: 0).
 */
process.on('exit', () => {
  const u = process.resourceUsage();
  process.stderr.write(`\n__USAGE__ 0 ${u.maxRSS} ${(u.userCPUTime / 1e6).toFixed(3)} ${(u.systemCPUTime / 1e6).toFixed(3)}\n`);
});

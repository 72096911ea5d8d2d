/**
 * What the browser benches record of a page with DevTools, on request: a CPU profile of its
 * main thread (BENCH_PROFILE=file.cpuprofile) and a performance trace (BENCH_TRACE=file.json:
 * style, layout and paint, what a CPU profile calls "(program)"). Started before the measured
 * part, written after it; nothing when neither variable is set.
 */
import fs from 'node:fs';
import type { CDPSession } from 'playwright-core';

export async function startRecording(cdp: CDPSession): Promise<() => Promise<void>> {
  const profile = process.env.BENCH_PROFILE;
  const trace = process.env.BENCH_TRACE;
  if (profile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
  }
  const traceEvents: unknown[] = [];
  if (trace) {
    cdp.on('Tracing.dataCollected', (data) => traceEvents.push(...data.value));
    await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,blink,cc,v8', transferMode: 'ReportEvents' });
  }
  return async () => {
    if (profile) fs.writeFileSync(profile, JSON.stringify((await cdp.send('Profiler.stop')).profile));
    if (trace) {
      const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
      await cdp.send('Tracing.end');
      await complete;
      fs.writeFileSync(trace, JSON.stringify({ traceEvents }));
    }
  };
}

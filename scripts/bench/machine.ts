import os from 'node:os';

export interface Machine {
  cpus: number;
  memoryGb: number;
  chromium: string;
  /** 1-minute load average when the bench started and ended: other work on the machine skews the times. */
  loadStart: number;
  loadEnd: number;
  date: string;
}

export function describeMachine(machine: Machine): string {
  return (
    `${machine.date} · ${machine.cpus} CPUs · ${machine.memoryGb.toFixed(0)} GB · Chromium ${machine.chromium} · ` +
    `load average ${machine.loadStart.toFixed(2)} at the start, ${machine.loadEnd.toFixed(2)} at the end`
  );
}

export function machineNow(chromium: string, loadStart: number): Machine {
  return {
    cpus: os.availableParallelism(),
    memoryGb: os.totalmem() / 1024 ** 3,
    chromium,
    loadStart,
    loadEnd: os.loadavg()[0] ?? 0,
    date: new Date().toISOString().slice(0, 10),
  };
}

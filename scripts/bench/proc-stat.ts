// A local process's CPU time and memory from /proc, and the PID behind a listening port: how the
// benchmarks measure a server without asking it.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const clockTicks = (() => {
	try {
		return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
	} catch {
		return 100;
	}
})();

/** The PID listening on a local TCP port, via `ss -ltnp`. */
export function listenerPid(port: number, who = 'bench'): number | null {
	try {
		const out = execFileSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8' });
		const pids = [...new Set([...out.matchAll(/pid=(\d+)/g)].map((m) => Number(m[1])))];
		if (pids.length > 1) {
			console.error(
				`${who}: several processes listen on :${port} (${pids.join(', ')}); using ${pids[0]}`
			);
		}
		return pids[0] ?? null;
	} catch {
		return null;
	}
}

/**
 * A process's CPU in ms, user (utime) and kernel (stime) mode: on a socket server the kernel's
 * share is mostly its sends and receives. Null if it cannot be read.
 */
export function cpuTimes(pid: number | null | undefined): { user: number; system: number } | null {
	if (pid == null) return null;
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		// Fields after the parenthesised command name start at field 3 (state); utime is 14, stime 15.
		const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		const ms = (ticks: string | undefined) => (Number(ticks) * 1000) / clockTicks;
		return { user: ms(rest[11]), system: ms(rest[12]) };
	} catch {
		return null;
	}
}

/** utime + stime of a process in ms, or null if it cannot be read. */
export function cpuMs(pid: number | null | undefined): number | null {
	const t = cpuTimes(pid);
	return t === null ? null : t.user + t.system;
}

/** How many write-family system calls (write, writev, sendmsg…) a process has made. */
export function writeSyscalls(pid: number | null | undefined): number | null {
	if (pid == null) return null;
	try {
		const m = /^syscw:\s+(\d+)$/m.exec(readFileSync(`/proc/${pid}/io`, 'utf8'));
		return m ? Number(m[1]) : null;
	} catch {
		return null;
	}
}

export function rssMb(pid: number | null | undefined): number | null {
	if (pid == null) return null;
	try {
		const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return m ? Math.round(Number(m[1]) / 1024) : null;
	} catch {
		return null;
	}
}

/** The PID of a Redis on this machine (for its CPU time), or null for a remote or unknown one. */
export function localRedisPid(redisUrl: string | undefined): number | null {
	if (!redisUrl) return null;
	try {
		const u = new URL(redisUrl);
		if (!['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname)) return null;
		return listenerPid(Number(u.port || 6379));
	} catch {
		return null;
	}
}

/**
 * The whole machine's CPU time so far, ms summed over its cores (/proc/stat's first line): busy
 * (user, nice, system, irq, softirq) and steal, the time the hypervisor gave this machine's cores
 * to someone else. A run whose steal or whose busy time beyond its own processes' is far above
 * another's met a disturbance the other did not. Null if it cannot be read.
 */
export function machineTimes(): { busy: number; steal: number } | null {
	try {
		const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
		const f = line.trim().split(/\s+/).slice(1).map(Number);
		const ms = (ticks: number | undefined) => ((ticks ?? 0) * 1000) / clockTicks;
		const [user, nice, system, , , irq, softirq, steal] = f;
		return { busy: ms(user) + ms(nice) + ms(system) + ms(irq) + ms(softirq), steal: ms(steal) };
	} catch {
		return null;
	}
}

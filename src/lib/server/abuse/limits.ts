// The server's abuse limits, in one place, with their environment variables (README: "Abuse
// limits"). Content limits (question lengths and counts) are the domain's, in domain/limits.ts.
//
// Defaults are set for the crowds Anda is made for: a school, a factory or a company often sits
// behind one NAT address (and a mobile carrier's NAT puts many phones behind one IPv4), so the
// per-address caps are high, and PIN look-ups are charged only when they miss.
import { log } from '../log';

/** `points` per `durationS` seconds (a fixed window, as rate-limiter-flexible counts). */
export interface WindowRule {
	points: number;
	durationS: number;
}

export interface AbuseLimits {
	/** Rooms opened per client address (signed in or not). ROOMS_PER_IP_PER_HOUR. */
	roomsPerIp: WindowRule;
	/** Rooms opened per signed-in account. ROOMS_PER_ACCOUNT_PER_HOUR. */
	roomsPerAccount: WindowRule;
	/**
	 * Look-ups by PIN that find nothing (unknown PIN, wrong host secret, screen link or player
	 * token), per client address across all its connections: a bucket of `burst`, refilled at
	 * `perMinute`. Look-ups that find their room cost nothing. PIN_MISSES_PER_MINUTE, PIN_MISS_BURST.
	 */
	pinMisses: { burst: number; perMinute: number };
	/** New players one address may add to one room; 0: no cap. JOINS_PER_IP_PER_ROOM. */
	joinsPerIpPerRoom: number;
	/** Open sockets per client address on one process; 0: no cap. SOCKETS_PER_IP. */
	socketsPerIp: number;
	/** A room still in its lobby with nothing connected and no activity expires after this. */
	lobbyIdleMs: number;
	/**
	 * Host accounts created per client address (a school's or a company's teachers may sign up
	 * together behind one NAT). SIGNUPS_PER_IP_PER_HOUR.
	 */
	signUpsPerIp: WindowRule;
	/**
	 * New Q&A identities one address may take in one event (vote stuffing needs many identities;
	 * a hall behind one NAT needs many too). QA_IDENTITIES_PER_IP_PER_HOUR.
	 */
	qaIdentitiesPerIp: WindowRule;
	/**
	 * New participants one address may enter in one public contest (a company's or a school's
	 * NAT puts hundreds behind one address). CONTEST_ENTRIES_PER_IP_PER_HOUR.
	 */
	contestEntriesPerIp: WindowRule;
	/** Questions one participant may ask: one per 10 s. */
	qaQuestionsPerParticipant: WindowRule;
}

export const DEFAULT_ABUSE_LIMITS: AbuseLimits = {
	roomsPerIp: { points: 100, durationS: 3600 },
	roomsPerAccount: { points: 30, durationS: 3600 },
	pinMisses: { burst: 60, perMinute: 30 },
	joinsPerIpPerRoom: 500,
	socketsPerIp: 2000,
	lobbyIdleMs: 2 * 3600_000,
	signUpsPerIp: { points: 30, durationS: 3600 },
	qaIdentitiesPerIp: { points: 1000, durationS: 3600 },
	contestEntriesPerIp: { points: 1000, durationS: 3600 },
	qaQuestionsPerParticipant: { points: 1, durationS: 10 }
};

/** The variables read, each with what it sets (README lists the same). */
const VARS = {
	ROOMS_PER_IP_PER_HOUR: 'rooms opened per address per hour',
	ROOMS_PER_ACCOUNT_PER_HOUR: 'rooms opened per account per hour',
	PIN_MISSES_PER_MINUTE: 'PIN look-ups that miss, per address per minute',
	PIN_MISS_BURST: 'PIN look-ups that miss, per address at once',
	JOINS_PER_IP_PER_ROOM: 'new players per address per room (0: no cap)',
	SOCKETS_PER_IP: 'open sockets per address per process (0: no cap)',
	LOBBY_IDLE_MINUTES: 'minutes an unused lobby lives',
	SIGNUPS_PER_IP_PER_HOUR: 'host accounts created per address per hour',
	QA_IDENTITIES_PER_IP_PER_HOUR: 'new Q&A participants per address per event per hour',
	CONTEST_ENTRIES_PER_IP_PER_HOUR: 'new contest participants per address per contest per hour'
} as const;

/** A whole number in [min, max] from the environment; anything else is reported, default kept. */
function readInt(
	env: NodeJS.ProcessEnv,
	name: keyof typeof VARS,
	min: number,
	max = Number.MAX_SAFE_INTEGER
): number | undefined {
	const raw = env[name]?.trim();
	if (!raw) return undefined;
	const n = Number(raw);
	if (Number.isInteger(n) && n >= min && n <= max) return n;
	log.warn(
		{ [name]: raw },
		`${name} (${VARS[name]}) must be a whole number from ${min} to ${max}; default kept`
	);
	return undefined;
}

/** The limits the environment sets; unset or invalid variables keep their defaults. */
export function abuseLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): AbuseLimits {
	const d = DEFAULT_ABUSE_LIMITS;
	const roomsIp = readInt(env, 'ROOMS_PER_IP_PER_HOUR', 1);
	const roomsAccount = readInt(env, 'ROOMS_PER_ACCOUNT_PER_HOUR', 1);
	const perMinute = readInt(env, 'PIN_MISSES_PER_MINUTE', 1);
	const burst = readInt(env, 'PIN_MISS_BURST', 1);
	// Longer than a started room's lifetime (48 h) would make no sense.
	const lobbyMin = readInt(env, 'LOBBY_IDLE_MINUTES', 1, 48 * 60);
	const signUps = readInt(env, 'SIGNUPS_PER_IP_PER_HOUR', 1);
	const qaIdentities = readInt(env, 'QA_IDENTITIES_PER_IP_PER_HOUR', 1);
	const contestEntries = readInt(env, 'CONTEST_ENTRIES_PER_IP_PER_HOUR', 1);
	return {
		roomsPerIp: roomsIp ? { points: roomsIp, durationS: 3600 } : d.roomsPerIp,
		roomsPerAccount: roomsAccount ? { points: roomsAccount, durationS: 3600 } : d.roomsPerAccount,
		pinMisses: {
			perMinute: perMinute ?? d.pinMisses.perMinute,
			burst: burst ?? d.pinMisses.burst
		},
		joinsPerIpPerRoom: readInt(env, 'JOINS_PER_IP_PER_ROOM', 0) ?? d.joinsPerIpPerRoom,
		socketsPerIp: readInt(env, 'SOCKETS_PER_IP', 0) ?? d.socketsPerIp,
		lobbyIdleMs: lobbyMin ? lobbyMin * 60_000 : d.lobbyIdleMs,
		signUpsPerIp: signUps ? { points: signUps, durationS: 3600 } : d.signUpsPerIp,
		qaIdentitiesPerIp: qaIdentities
			? { points: qaIdentities, durationS: 3600 }
			: d.qaIdentitiesPerIp,
		contestEntriesPerIp: contestEntries
			? { points: contestEntries, durationS: 3600 }
			: d.contestEntriesPerIp,
		qaQuestionsPerParticipant: d.qaQuestionsPerParticipant
	};
}

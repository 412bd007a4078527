// What a fault suite needs on this machine: PostgreSQL's server binaries (to run a server of its
// own), redis-server, or the shared PostgreSQL. Missing, the suite is skipped with one stderr line,
// or fails with that line when services are required (ANDA_REQUIRE_SERVICES=1, as in CI).
import { postgresAvailable, redacted, REQUIRE_SERVICES } from '../services';
import { findPostgres, type PostgresBinaries } from './postgres-cluster';
import { findRedisCli, findRedisServer } from './redis-process';

export const SHARED_PG_URL =
	process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface FaultNeeds {
	/** Skip the suite (something is missing and not required). */
	skip: boolean;
	/** Call in beforeAll: throws, saying what is missing, when it is and services are required. */
	check(): void;
	postgres: PostgresBinaries | null;
	redisServer: string | null;
	redisCli: string | null;
}

export async function faultNeeds(
	suite: string,
	needs: {
		postgresBinaries?: boolean;
		redisServer?: boolean;
		/** redis-cli too (a Redis Cluster is made with `redis-cli --cluster create`). */
		redisCli?: boolean;
		sharedPostgres?: boolean;
	}
): Promise<FaultNeeds> {
	const missing: string[] = [];
	let postgres: PostgresBinaries | null = null;
	let redisServer: string | null = null;
	let redisCli: string | null = null;
	if (needs.postgresBinaries) {
		const found = findPostgres();
		if ('missing' in found) missing.push(found.missing);
		else postgres = found;
	}
	if (needs.redisServer) {
		const found = findRedisServer();
		if ('missing' in found) missing.push(found.missing);
		else redisServer = found.path;
	}
	if (needs.redisCli) {
		const found = findRedisCli();
		if ('missing' in found) missing.push(found.missing);
		else redisCli = found.path;
	}
	if (needs.sharedPostgres && !(await postgresAvailable(adminUrl()))) {
		missing.push(`PostgreSQL not reachable at ${redacted(SHARED_PG_URL)}`);
	}
	const why = missing.join('; ');
	if (missing.length > 0 && !REQUIRE_SERVICES) {
		process.stderr.write(`[skip] ${why}: fault suite skipped (${suite})\n`);
	}
	return {
		skip: missing.length > 0 && !REQUIRE_SERVICES,
		check() {
			if (missing.length > 0) {
				throw new Error(`${why}, and ANDA_REQUIRE_SERVICES=1: cannot run ${suite}`);
			}
		},
		postgres,
		redisServer,
		redisCli
	};
}

/** The shared PostgreSQL's URL for another database (`postgres` for administration). */
export function sharedPgUrl(database: string): string {
	const u = new URL(SHARED_PG_URL);
	u.pathname = `/${database}`;
	return u.toString();
}

function adminUrl(): string {
	return sharedPgUrl('postgres');
}

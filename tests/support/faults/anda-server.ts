// An Anda process for the fault tests, run with `node --import tsx`: the production serve() (the
// same start-up, health endpoints, gateway and signals as src/server/main.ts) from the environment
// (DATABASE_URL, REDIS_URL, SQLITE_PATH, BANKS_DIR, PORT), with the fault tests' pages.
import { configFromEnv } from '../../../src/lib/server/app-context';
import { handleSignals, serve } from '../../../src/server/serve';
import { faultPages } from './pages';

handleSignals(
	serve({
		config: configFromEnv(),
		pages: faultPages,
		port: Number(process.env.PORT ?? 0),
		host: process.env.HOST ?? '127.0.0.1'
	})
);

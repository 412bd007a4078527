import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/**
 * The pages' Content-Security-Policy: exactly what they use, all from this server. SvelteKit adds a
 * nonce (server-rendered pages) or a hash (prerendered ones; there are none today) for its own
 * inline bootstrap script. The other security headers are in src/lib/server/http/security-headers.ts.
 * @type {import('@sveltejs/kit').KitConfig['csp']}
 */
const csp = {
	mode: 'auto',
	directives: {
		'default-src': ['self'],
		// The app's modules; SvelteKit's inline start-up script by its nonce.
		'script-src': ['self'],
		// Stylesheets from the build only. `style="…"` attributes carry computed values (a bar's
		// height, the countdown ring's fraction, an option's colour), so attributes may be inline;
		// inline <style> elements may not (the app has none: no Svelte transitions).
		'style-src': ['self'],
		'style-src-attr': ['unsafe-inline'],
		// The favicon and the join QR code (/qr/PIN, an SVG from this server); no data: images.
		'img-src': ['self'],
		'font-src': ['self'],
		// fetch() calls and Socket.IO, both same-origin: 'self' covers ws:/wss: to this host, and
		// where a browser does not count them, Socket.IO falls back to long-polling.
		'connect-src': ['self'],
		'object-src': ['none'],
		'frame-src': ['none'],
		'base-uri': ['none'],
		'form-action': ['self'],
		// No page may be framed, the big screen and its overlay included: an OBS browser source
		// loads /screen/PIN?overlay=1 as a page of its own, not in a frame.
		'frame-ancestors': ['none']
	}
};

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		csp,
		typescript: {
			// The benchmarks, fault drills and bank checker import the app's modules: type-check them
			// with it, so that a changed store or protocol cannot leave a script that no longer runs.
			config: (tsconfig) => {
				tsconfig.include.push('../scripts/**/*.ts');
			}
		}
	}
};

export default config;

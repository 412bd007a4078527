// Compiles the production entry (pages handler + Socket.IO on one HTTP server) to build-server/.
import { defineConfig } from 'vite';

export default defineConfig({
	build: {
		ssr: true,
		outDir: 'build-server',
		emptyOutDir: true,
		target: 'node20',
		rollupOptions: {
			input: { main: 'src/server/main.ts' },
			output: { entryFileNames: '[name].js', format: 'esm' },
			// The pages handler is the SvelteKit build's own output, loaded at run time.
			external: [/\/build\/handler\.js$/]
		}
	}
});

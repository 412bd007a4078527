// Validates every shipped bank and quiz; exits non-zero on any problem.
import { loadLibrary } from '../src/lib/server/content/load-banks';

const lib = await loadLibrary(new URL('../question-banks', import.meta.url).pathname);
for (const p of lib.problems) console.error(`${p.file}: ${p.message}`);
const count = lib.banks.reduce((n, b) => n + b.questions.length, 0);
const categories = new Set(lib.banks.flatMap((b) => b.questions.map((q) => q.category ?? '')));
console.log(
	`banks: ${lib.banks.length}, questions: ${count}, categories: ${categories.size}, quizzes: ${lib.quizzes.length}, problems: ${lib.problems.length}`
);
process.exit(lib.problems.length ? 1 : 0);

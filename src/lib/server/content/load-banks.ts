// Loads the native YAML banks and quizzes under question-banks/ and reports every problem found.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import {
	bankSchema,
	quizSchema,
	quizSettingsSchema,
	type Bank,
	type Question,
	type Quiz
} from '../../domain/question';

export interface ContentProblem {
	file: string;
	message: string;
}

export interface Library {
	banks: Bank[];
	quizzes: Quiz[];
	problems: ContentProblem[];
}

const quizFileSchema = z.object({
	id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
	title: z.string().trim().min(1).max(100),
	description: z.string().trim().max(500).optional(),
	settings: quizSettingsSchema.default({ scoring: 'speed', timeLimit: 20, points: 1000 }),
	// "bank-id/question-id" references into the banks
	questions: z
		.array(z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/))
		.min(1)
		.max(500),
	rounds: quizSchema.shape.rounds,
	teams: quizSchema.shape.teams
});

function normalStem(stem: string): string {
	return stem.replace(/[\s，。？?！!、,.（）()“”"]/g, '').toLowerCase();
}

function describe(err: z.ZodError): string {
	return err.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
}

async function yamlFiles(dir: string): Promise<string[]> {
	try {
		return (await readdir(dir)).filter((f) => /\.ya?ml$/.test(f)).sort();
	} catch {
		return [];
	}
}

/** Reads and validates one YAML file; a problem is recorded and null returned on any failure. */
async function readYaml<S extends z.ZodType>(
	file: string,
	schema: S,
	problems: ContentProblem[]
): Promise<z.infer<S> | null> {
	let raw: unknown;
	try {
		raw = parse(await readFile(file, 'utf8'));
	} catch (e) {
		problems.push({ file, message: `YAML: ${(e as Error).message}` });
		return null;
	}
	const parsed = schema.safeParse(raw);
	if (!parsed.success) {
		problems.push({ file, message: describe(parsed.error) });
		return null;
	}
	return parsed.data;
}

export async function loadLibrary(root: string): Promise<Library> {
	const problems: ContentProblem[] = [];
	const banks: Bank[] = [];
	const stems = new Map<string, string>();
	for (const name of await yamlFiles(root)) {
		const file = join(root, name);
		const bank = await readYaml(file, bankSchema, problems);
		if (!bank) continue;
		if (banks.some((b) => b.id === bank.id))
			problems.push({ file, message: `bank id ${bank.id} repeats` });
		const ids = new Set<string>();
		bank.questions.forEach((q, i) => {
			const where = `question ${i + 1}${q.id ? ` (${q.id})` : ''}`;
			if (!q.id) problems.push({ file, message: `${where}: id is required in a native bank` });
			else if (ids.has(q.id)) problems.push({ file, message: `${where}: id repeats` });
			else ids.add(q.id);
			if (q.type !== 'poll' && !q.explanation)
				problems.push({ file, message: `${where}: explanation is required` });
			const key = normalStem(q.stem);
			const seen = stems.get(key);
			if (seen) problems.push({ file, message: `${where}: same stem as ${seen}` });
			else stems.set(key, `${bank.id}/${q.id ?? i + 1}`);
		});
		banks.push(bank);
	}

	const quizzes: Quiz[] = [];
	const quizDir = join(root, 'quizzes');
	for (const name of await yamlFiles(quizDir)) {
		const file = join(quizDir, name);
		const quizFile = await readYaml(file, quizFileSchema, problems);
		if (!quizFile) continue;
		const questions: Question[] = [];
		for (const ref of quizFile.questions) {
			const [bankId, qid] = ref.split('/');
			const q = banks.find((b) => b.id === bankId)?.questions.find((x) => x.id === qid);
			if (!q) problems.push({ file, message: `question ${ref} not found` });
			else questions.push(q);
		}
		if (questions.length !== quizFile.questions.length) continue;
		// Checked whole once its questions are in: rounds must add up to them.
		const whole = quizSchema.safeParse({ ...quizFile, questions });
		if (whole.success) quizzes.push(whole.data);
		else for (const issue of whole.error.issues) problems.push({ file, message: issue.message });
	}
	return { banks, quizzes, problems };
}

// A text field whose initial value is written `value={…}` is assigned that value when the page
// hydrates, wiping what a user typed while the script was still on its way (a slow phone network):
// a required field then blocks the form. Fields that start from the server's value use
// `defaultValue={…}` (or `bind:value`, which keeps typed text), so no component may do otherwise.
// tests/e2e/early-typing.e2e.ts shows the behaviour in a browser; this keeps every form to it.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'svelte/compiler';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

const svelteFiles = (dir: string): string[] =>
	readdirSync(dir, { recursive: true, encoding: 'utf8' })
		.filter((f) => f.endsWith('.svelte'))
		.map((f) => join(dir, f));

interface Attr {
	type: string;
	name?: string;
	value?: true | Array<{ type: string; data?: string }> | { type: string };
}
interface Node {
	type: string;
	name?: string;
	attributes?: Attr[];
	start: number;
	[key: string]: unknown;
}

const staticText = (a: Attr | undefined): string | undefined =>
	Array.isArray(a?.value) && a.value.every((v) => v.type === 'Text')
		? a.value.map((v) => v.data).join('')
		: undefined;

/** Inputs and textareas whose value is an expression the hydration writes over typed text. */
function overwrittenFields(source: string): number[] {
	const found: number[] = [];
	const walk = (node: unknown): void => {
		if (!node || typeof node !== 'object') return;
		if (Array.isArray(node)) return node.forEach(walk);
		const n = node as Node;
		if (n.type === 'RegularElement' && (n.name === 'input' || n.name === 'textarea')) {
			const attrs = (n.attributes ?? []).filter((a) => a.type === 'Attribute');
			const value = attrs.find((a) => a.name === 'value');
			const kind = staticText(attrs.find((a) => a.name === 'type'));
			const notText = ['radio', 'checkbox', 'hidden', 'submit', 'button'].includes(kind ?? '');
			const readonly = attrs.some((a) => a.name === 'readonly');
			if (value && value.value !== true && staticText(value) === undefined && !notText && !readonly)
				found.push(n.start);
		}
		for (const [k, v] of Object.entries(n)) if (k !== 'parent') walk(v);
	};
	walk(parse(source, { modern: true }).fragment);
	return found;
}

describe('form fields keep what was typed before hydration', () => {
	it('finds a field written value={…} and passes the safe forms', () => {
		expect(overwrittenFields('<input name="a" value={x} />')).toHaveLength(1);
		expect(overwrittenFields('<textarea name="a" value={x}></textarea>')).toHaveLength(1);
		expect(overwrittenFields('<input name="a" defaultValue={x} />')).toEqual([]);
		expect(overwrittenFields('<input name="a" bind:value={x} />')).toEqual([]);
		expect(overwrittenFields('<input type="radio" name="a" value={x} />')).toEqual([]);
		expect(overwrittenFields('<input readonly value={x} />')).toEqual([]);
		expect(overwrittenFields('<input value="fixed" />')).toEqual([]);
	});

	it('no component writes a field’s initial value as value={…}', () => {
		const bad = svelteFiles(join(ROOT, 'src')).flatMap((file) => {
			const source = readFileSync(file, 'utf8');
			return overwrittenFields(source).map((at) => {
				const line = source.slice(0, at).split('\n').length;
				return `${relative(ROOT, file)}:${line}`;
			});
		});
		expect(bad).toEqual([]);
	});
});

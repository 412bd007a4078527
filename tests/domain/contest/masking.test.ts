import { describe, expect, it } from 'vitest';
import { isMainlandMobile, maskName, maskPhone } from '$lib/domain/contest/masking';

describe('masking: names', () => {
	it('keeps the first character and masks the rest', () => {
		expect(maskName('张三')).toBe('张*');
		expect(maskName('李小龙')).toBe('李**');
		expect(maskName('欧阳娜娜')).toBe('欧***');
	});

	it('never shows a name whole, nor a long name’s length', () => {
		expect(maskName('王')).toBe('王*');
		expect(maskName('阿依古丽·买买提')).toBe('阿***');
		expect(maskName('  Alexander Smith ')).toBe('A***');
		expect(maskName('Li')).toBe('L*');
	});

	it('masks by character, not UTF-16 unit', () => {
		expect(maskName('𠀋子')).toBe('𠀋*');
	});

	it('gives nothing for an empty name', () => {
		expect(maskName('   ')).toBe('');
	});
});

describe('masking: phones', () => {
	it('accepts an 11-digit mainland mobile and returns it normalised', () => {
		expect(isMainlandMobile('13812341234')).toBe('13812341234');
		expect(isMainlandMobile('199 0000 1111')).toBe('19900001111');
		expect(isMainlandMobile('138-1234-1234')).toBe('13812341234');
		expect(isMainlandMobile('+86 138 1234 1234')).toBe('13812341234');
		expect(isMainlandMobile('008613812341234')).toBe('13812341234');
		expect(isMainlandMobile('8613812341234')).toBe('13812341234');
		expect(isMainlandMobile('１３８１２３４１２３４')).toBe('13812341234');
	});

	it('refuses what is not one', () => {
		expect(isMainlandMobile('12812341234')).toBeNull(); // 1 then 2: no mobile range
		expect(isMainlandMobile('1381234123')).toBeNull(); // 10 digits
		expect(isMainlandMobile('138123412345')).toBeNull(); // 12 digits
		expect(isMainlandMobile('010-12345678')).toBeNull(); // a landline
		expect(isMainlandMobile('138a2341234')).toBeNull();
		expect(isMainlandMobile('')).toBeNull();
	});

	it('masks the middle four digits', () => {
		expect(maskPhone('13812341234')).toBe('138****1234');
		expect(maskPhone('+86 139-0000-5678')).toBe('139****5678');
	});

	it('masks anything else completely', () => {
		expect(maskPhone('010-12345678')).toBe('***********');
		expect(maskPhone('123')).toBe('***');
	});
});

// The browser's start-up hook, run before any page module. Zod compiles its object parsers with
// `new Function` unless told not to; the pages' CSP allows no eval, and Zod's probe for it, though
// caught, is reported as a CSP violation on every page. The browser parses little (the server
// checks everything again), so it parses without compiling.
import { z } from 'zod';

z.config({ jitless: true });

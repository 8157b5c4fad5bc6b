// The CommonJS spec, the very file the Jest projects run (orders.spec.cjs: globals and require()).
import { vitestConfig } from './vitest.shared.mjs';

export default vitestConfig(['orders.spec.cjs']);

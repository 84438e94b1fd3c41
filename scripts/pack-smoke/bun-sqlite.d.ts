// better-auth's declarations import Bun's `bun:sqlite` (for its Bun adapter option), which a
// Node project has no types for: with skipLibCheck false, a better-auth user declares it, as here.
declare module 'bun:sqlite' {
  export class Database {}
}

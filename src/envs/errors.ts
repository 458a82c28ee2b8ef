/** An item, split or data file the user named that does not exist (a usage error: exit status 2). */
export class UnknownItemError extends Error {}

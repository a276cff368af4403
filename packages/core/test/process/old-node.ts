// Run with process.getBuiltinModule deleted, as on Node 20.10: the import must fail.
import { main, print } from "../../src/index.ts";

main(import.meta, () => print("ran"));

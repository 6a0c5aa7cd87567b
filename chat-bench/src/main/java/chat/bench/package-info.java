/** A load generator for chat servers, and the report that compares them (docs/BENCHMARKS.md). */
package chat.bench;

/**
 * One subscriber's answers on their way out: a bounded buffer read as an async iterator by the transport
 * (graphql-ws, graphql-sse). A consumer that does not keep up fills its buffer; the next answer is then
 * refused (push returns false) and the hub disconnects it, so a slow client never holds more than
 * `capacity` answers in memory.
 */
import type { ExecutionResult } from 'graphql';

export class LiveStream implements AsyncIterableIterator<ExecutionResult> {
  private readonly buffer: ExecutionResult[] = [];
  private waiting: ((result: IteratorResult<ExecutionResult>) => void) | undefined;
  private ended = false;

  /** `onEnd`: called once, when the transport or the hub ends the stream. */
  constructor(
    private readonly capacity: number,
    private readonly onEnd: () => void,
  ) {}

  get isEnded(): boolean {
    return this.ended;
  }

  /** Queues an answer; false when the buffer is full (a slow consumer) or the stream has ended. */
  push(result: ExecutionResult): boolean {
    if (this.ended) return false;
    if (this.waiting) {
      const waiting = this.waiting;
      this.waiting = undefined;
      waiting({ value: result, done: false });
      return true;
    }
    if (this.buffer.length >= this.capacity) return false;
    this.buffer.push(result);
    return true;
  }

  /** Ends the stream after what is buffered (a clean shutdown completes each subscription). */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.onEnd();
    if (this.waiting && this.buffer.length === 0) {
      this.waiting({ value: undefined, done: true });
      this.waiting = undefined;
    }
  }

  next(): Promise<IteratorResult<ExecutionResult>> {
    const value = this.buffer.shift();
    if (value) return Promise.resolve({ value, done: false });
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  return(): Promise<IteratorResult<ExecutionResult>> {
    this.buffer.length = 0;
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

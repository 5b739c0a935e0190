// What a network's text rule tells the composer: how much of the limit a text uses and whether it fits.
export interface TextCount {
  /** Units the network counts (graphemes, weighted characters). */
  used: number;
  limit: number;
  /** True when the network would refuse the text. */
  over: boolean;
  /** A sentence for the person when over, naming the network and the numbers. */
  problem?: string;
}

export interface TextRule {
  network: string;
  limit: number;
  count(text: string): TextCount;
}

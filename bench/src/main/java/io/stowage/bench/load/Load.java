package io.stowage.bench.load;

/** Traffic that runs until its window closes: the measured phase's, or the preparation's. */
interface Load {

    /** Waits until the traffic has stopped (the window is closed and the last answers are in); its merged figures. */
    Stats await() throws InterruptedException;
}

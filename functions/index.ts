// The Functions host loads package.json "main"; this one entry registers every function, so the
// deployed bundle carries the SDKs once instead of once per function.
import './onResourceWrite';
import './driftSweep';
import './sweepSubscription';
import './audit';
import './review';

// Keep the build lock alive while the build runs (every few seconds). A lock
// whose heartbeat stops (the build crashed) is taken over after a while.
// Parameters:
//   $token  the token of the build that holds the lock
MATCH (l:KgLock {id: 'build', token: $token})
SET l.heartbeat = timestamp()
RETURN count(l) AS held

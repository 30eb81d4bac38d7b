// Take the build lock, or say who holds it (kg build). MERGE on the unique
// KgLock.id makes two builds racing for the lock see one node: the one whose
// token is on it holds the lock.
// Parameters:
//   $token  a fresh random token of this build
//   $pid, $host  the process taking the lock, shown to a build that must wait
MERGE (l:KgLock {id: 'build'})
ON CREATE SET l.token = $token,
              l.pid = $pid,
              l.host = $host,
              l.started = datetime(),
              l.heartbeat = timestamp()
RETURN l.token = $token AS acquired,
       l.token AS token,
       l.pid AS pid,
       l.host AS host,
       toString(l.started) AS started,
       (timestamp() - l.heartbeat) / 1000 AS idle_seconds

// Give the build lock back (end of kg build), or break a stale one: deletes
// the lock only if it still carries this token.
// Parameters:
//   $token  the token of the lock to remove
MATCH (l:KgLock {id: 'build', token: $token})
DELETE l
RETURN count(*) AS released

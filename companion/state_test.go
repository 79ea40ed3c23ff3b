package companion

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// The custodian saves after every pass; an unchanged state is not written
// again (a long retry queue would otherwise be rewritten every second).
func TestUnchangedStateIsNotRewritten(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	f, err := openStateFile(path)
	require.NoError(t, err)
	f.Height = 7
	require.NoError(t, f.save())
	require.NoError(t, os.Remove(path))
	require.NoError(t, f.save())
	require.NoFileExists(t, path, "unchanged: not written")
	f.Height = 8
	require.NoError(t, f.save())
	again, err := openStateFile(path)
	require.NoError(t, err)
	require.Equal(t, int64(8), again.Height)
	require.NoError(t, os.Remove(path))
	require.NoError(t, again.save())
	require.NoFileExists(t, path, "what was read counts as saved")
}

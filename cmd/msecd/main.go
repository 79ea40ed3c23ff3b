// Command msecd is the msec node: a permissioned Cosmos SDK chain with the
// companion database, the sensor federation and the anonymizer.
package main

import (
	"fmt"
	"os"

	svrcmd "github.com/cosmos/cosmos-sdk/server/cmd"

	"github.com/msec-city/msec/app"
	"github.com/msec-city/msec/cmd/msecd/cmd"
)

func main() {
	app.SetAddressPrefixes()
	rootCmd := cmd.NewRootCmd()
	if err := svrcmd.Execute(rootCmd, "MSECD", cmd.DefaultNodeHome); err != nil {
		fmt.Fprintln(rootCmd.OutOrStderr(), err)
		os.Exit(1)
	}
}

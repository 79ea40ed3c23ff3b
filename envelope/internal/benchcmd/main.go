// Command benchcmd measures envelope's streaming encryption against
// filippo.io/age on the same data, and writes bench/results/envelope.md.
//
// For each content size it first writes one ciphertext file per
// implementation, then runs every (implementation, operation) case in a
// child process of its own, so each case's peak RSS (VmHWM) is its own.
// Content is generated on the fly and output discarded, so nothing of the
// content's size is ever held in memory. Cases are interleaved over several
// rounds so that load from other processes hits all implementations alike.
//
//	go run ./envelope/internal/benchcmd -out bench/results/envelope.md
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"filippo.io/age"
)

const mib = 1 << 20

func main() {
	var (
		child   childArgs
		isChild = flag.Bool("child", false, "internal: run one case and print its result as JSON")
		out     = flag.String("out", "bench/results/envelope.md", "where to write the Markdown report")
		sizes   = flag.String("sizes", "1,64,1024", "content sizes in MiB, comma-separated")
		rounds  = flag.Int("rounds", 3, "times each case is run, interleaved")
		minData = flag.Int64("min-mib", 256, "repeat small cases in one process until this many MiB")
	)
	flag.StringVar(&child.impl, "impl", "", "internal: implementation")
	flag.StringVar(&child.op, "op", "", "internal: encrypt or decrypt")
	flag.StringVar(&child.file, "file", "", "internal: ciphertext to decrypt")
	flag.StringVar(&child.ageIdentity, "age-identity", "", "internal: file holding the age identity")
	flag.Int64Var(&child.size, "size", 0, "internal: content size in bytes")
	flag.IntVar(&child.reps, "reps", 1, "internal: repetitions")
	flag.Parse()
	log.SetFlags(0)

	if *isChild {
		if err := runChild(child); err != nil {
			log.Fatal(err)
		}
		return
	}
	sizeList, err := parseSizes(*sizes)
	if err != nil {
		log.Fatal(err)
	}
	results, err := runAll(sizeList, *rounds, *minData*mib)
	if err != nil {
		log.Fatal(err)
	}
	report := renderReport(machineInfo(), sizeList, *rounds, results)
	if err := os.WriteFile(*out, []byte(report), 0o644); err != nil {
		log.Fatal(err)
	}
	fmt.Print(report)
}

func parseSizes(s string) ([]int64, error) {
	var sizes []int64
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.ParseInt(strings.TrimSpace(f), 10, 64)
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("bad size %q (MiB)", f)
		}
		sizes = append(sizes, n*mib)
	}
	return sizes, nil
}

// runAll measures every case for every size and returns the child results.
func runAll(sizes []int64, rounds int, minData int64) ([]caseResult, error) {
	dir, err := os.MkdirTemp("", "envelope-bench-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	identity, err := age.GenerateX25519Identity()
	if err != nil {
		return nil, err
	}
	ageIdentity := filepath.Join(dir, "age-identity")
	if err := os.WriteFile(ageIdentity, []byte(identity.String()), 0o600); err != nil {
		return nil, err
	}
	k, err := loadKeys(ageIdentity)
	if err != nil {
		return nil, err
	}
	var results []caseResult
	for _, size := range sizes {
		files, err := writeCiphertexts(dir, size, k)
		if err != nil {
			return nil, err
		}
		reps := int(max(1, minData/size))
		for round := range rounds {
			for _, impl := range implementations {
				for _, op := range []string{"encrypt", "decrypt"} {
					log.Printf("round %d/%d: %s %s %d MiB x%d", round+1, rounds, impl.name, op, size/mib, reps)
					res, err := runChildProcess(childArgs{
						impl: impl.name, op: op, file: files[impl.name], ageIdentity: ageIdentity, size: size, reps: reps,
					})
					if err != nil {
						return nil, err
					}
					results = append(results, res)
				}
			}
		}
		for _, f := range files {
			os.Remove(f)
		}
	}
	return results, nil
}

// writeCiphertexts encrypts size bytes of generated content once per
// implementation, for the decryption cases to read.
func writeCiphertexts(dir string, size int64, k *keys) (map[string]string, error) {
	files := map[string]string{}
	for i, impl := range implementations {
		path := filepath.Join(dir, fmt.Sprintf("ciphertext-%d-%d", i, size))
		f, err := os.Create(path)
		if err != nil {
			return nil, err
		}
		err = impl.encrypt(f, newGenerator(size), k)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return nil, fmt.Errorf("%s: writing ciphertext: %w", impl.name, err)
		}
		files[impl.name] = path
	}
	return files, nil
}

func runChildProcess(a childArgs) (caseResult, error) {
	self, err := os.Executable()
	if err != nil {
		return caseResult{}, err
	}
	cmd := exec.Command(self, "-child", "-impl", a.impl, "-op", a.op, "-file", a.file,
		"-age-identity", a.ageIdentity, "-size", strconv.FormatInt(a.size, 10), "-reps", strconv.Itoa(a.reps))
	var stdout bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		return caseResult{}, fmt.Errorf("%s %s %d: %w", a.impl, a.op, a.size, err)
	}
	var res caseResult
	if err := json.Unmarshal(stdout.Bytes(), &res); err != nil {
		return caseResult{}, fmt.Errorf("%s %s: bad child output %q: %w", a.impl, a.op, stdout.String(), err)
	}
	return res, nil
}

package spark_test

import (
	"bufio"
	"context"
	"crypto/tls"
	"crypto/x509"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"syscall"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
)

// servingLine is the log line in which the server names its bound address.
var servingLine = regexp.MustCompile(`spark-grpc serving on (\S+)`)

// serverBin is the server to run: SPARK_GRPC_BIN, or the one `make setup`
// installs. Without it the test is skipped, or fails in CI (CI=true).
func serverBin(t *testing.T) string {
	t.Helper()
	bin := os.Getenv("SPARK_GRPC_BIN")
	if bin == "" {
		bin = filepath.Join("..", "..", ".venv", "bin", "spark-grpc")
	}
	if _, err := os.Stat(bin); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("no spark-grpc server at %s: run `make setup`", bin)
		}
		t.Skipf("no spark-grpc server at %s: run `make setup`", bin)
	}
	return bin
}

// startServer starts the real server (`spark-grpc serve`) on a fresh
// database and a free port with the given extra flags, waits until its
// health check answers SERVING over creds (nil: plaintext) and returns its
// address.
func startServer(t *testing.T, creds credentials.TransportCredentials, flags ...string) string {
	t.Helper()
	bin := serverBin(t)
	db := filepath.Join(t.TempDir(), "spark.db")
	cmd := exec.Command(bin, append([]string{"serve", "--db", db, "--listen", "127.0.0.1:0"}, flags...)...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", bin, err)
	}
	exited := make(chan struct{})
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			<-exited
		}
	})

	addrs := make(chan string, 1)
	go func() {
		defer close(exited)
		scanner := bufio.NewScanner(stderr)
		for scanner.Scan() {
			if m := servingLine.FindStringSubmatch(scanner.Text()); m != nil {
				select {
				case addrs <- m[1]:
				default:
				}
			}
		}
		_ = cmd.Wait()
	}()
	var addr string
	select {
	case addr = <-addrs:
	case <-exited:
		t.Fatalf("%s exited before serving", bin)
	case <-time.After(30 * time.Second):
		t.Fatalf("%s did not log its address within 30s", bin)
	}

	if creds == nil {
		creds = insecure.NewCredentials()
	}
	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(creds))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	res, err := healthpb.NewHealthClient(conn).Check(ctx, &healthpb.HealthCheckRequest{}, grpc.WaitForReady(true))
	if err != nil || res.GetStatus() != healthpb.HealthCheckResponse_SERVING {
		t.Fatalf("health check of %s: %v %v", addr, res.GetStatus(), err)
	}
	return addr
}

// testPKI holds the PEM files of tests/certificates.py: a CA, a server
// certificate for 127.0.0.1 and a client certificate, both signed by it.
type testPKI struct{ dir string }

func (p testPKI) path(name string) string { return filepath.Join(p.dir, name) }

// writeTestPKI makes throwaway certificates with the project's Python helper.
func writeTestPKI(t *testing.T) testPKI {
	t.Helper()
	python, err := filepath.Abs(filepath.Join(filepath.Dir(serverBin(t)), "python"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	cmd := exec.Command(python, "-c", "import pathlib, sys; from tests.certificates import write_test_pki; write_test_pki(pathlib.Path(sys.argv[1]))", dir)
	cmd.Dir = filepath.Join("..", "..")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("writing test certificates: %v\n%s", err, out)
	}
	return testPKI{dir}
}

// tlsConfig trusts the test CA and presents the test client certificate.
func (p testPKI) tlsConfig(t *testing.T) *tls.Config {
	t.Helper()
	ca, err := os.ReadFile(p.path("ca.pem"))
	if err != nil {
		t.Fatal(err)
	}
	roots := x509.NewCertPool()
	if !roots.AppendCertsFromPEM(ca) {
		t.Fatal("no certificate in ca.pem")
	}
	client, err := tls.LoadX509KeyPair(p.path("client.pem"), p.path("client-key.pem"))
	if err != nil {
		t.Fatal(err)
	}
	return &tls.Config{RootCAs: roots, Certificates: []tls.Certificate{client}, MinVersion: tls.VersionTLS12}
}

// writeTokens writes a tokens file (`TOKEN NAME ROLE` lines) for the server.
func writeTokens(t *testing.T, tokens map[string]string) string {
	t.Helper()
	var lines string
	for role, token := range tokens {
		lines += token + " tester-" + role + " " + role + "\n"
	}
	path := filepath.Join(t.TempDir(), "tokens")
	if err := os.WriteFile(path, []byte(lines), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

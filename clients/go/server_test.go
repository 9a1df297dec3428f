package spark_test

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"syscall"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
)

// servingLine is the log line in which the server names its bound address.
var servingLine = regexp.MustCompile(`spark-grpc serving on (\S+)`)

// startServer starts the real server (`spark-grpc serve`) on a fresh
// database and a free port, waits until its health check answers SERVING and
// returns its address. Without a server to run the test is skipped, or fails
// in CI (CI=true). SPARK_GRPC_BIN overrides the server's path.
func startServer(t *testing.T) string {
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
	db := filepath.Join(t.TempDir(), "spark.db")
	cmd := exec.Command(bin, "serve", "--db", db, "--listen", "127.0.0.1:0")
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

	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
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

;; Runs forever: only its fuel stops it.
(module
  (func (export "_start")
    (loop $forever (br $forever))))
